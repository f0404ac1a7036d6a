"""cxdesk: psychological-health education staffing reports for Chuxiong prefecture.

The package outside ``cxdesk.ui`` is the core: it never imports Qt.
"""

__version__ = "0.1.0"
