"""City fact sheets: HTML from a Jinja2 template, laid out and printed by Qt."""
