//! Ledgerline's domain records, converted from FreshBooks' wire shapes by `ledgerline-freshbooks`.
//! One file per noun.
