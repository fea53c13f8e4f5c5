"""Charts and maps painted with QPainter onto any paint device (screen, image, SVG, PDF, printer).

QtGui only, no widgets: the window, the command line and the fact sheets share one
drawing, so what is printed is what is on screen.
"""
