//! `ledgerline-cli`: a thin command line over `ledgerline-core`.

fn main() {}
