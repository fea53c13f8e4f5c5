"""Record editor forms, built from the entity specs (`catalogue.entities`)."""

from ccn_desktop.ui.forms.record_form import RecordForm

__all__ = ["RecordForm"]
