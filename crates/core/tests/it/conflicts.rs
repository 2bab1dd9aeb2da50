//! The same record edited here and in FreshBooks.
