"""The desktop app: Qt widgets over the core services.  Only this package imports Qt."""
