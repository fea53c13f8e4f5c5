"""The window's spreadsheet features: File ▸ Export table…, Import spreadsheet…, New
spreadsheet template… (see `actions.install_spreadsheet_actions`)."""
