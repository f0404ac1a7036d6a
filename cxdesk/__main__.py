from cxdesk.cli import main

raise SystemExit(main())
