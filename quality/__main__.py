from quality.cli import main

raise SystemExit(main())
