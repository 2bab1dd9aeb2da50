//! Local edits reach FreshBooks exactly once.
