import multiprocessing

if __name__ == "__main__":
    # A frozen build's worker processes (a large collect reads its packages ahead in
    # them: cxdesk.bureau.read_ahead) start here, and must not run the program.
    multiprocessing.freeze_support()
    from cxdesk.cli import main

    raise SystemExit(main())
