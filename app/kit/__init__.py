"""What every resource repeats: finding a row by id or slug (or a 404), keyset rows, `If-Match`."""
