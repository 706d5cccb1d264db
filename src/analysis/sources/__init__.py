"""One reader module per data source."""
