from psyroom.cli import main

raise SystemExit(main())
