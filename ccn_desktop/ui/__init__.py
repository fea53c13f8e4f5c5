"""The Qt window. It reaches storage only through `catalogue.facade.Catalogue`."""
