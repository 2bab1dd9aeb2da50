//! A scenario's steps as they pass, with the time since its start, and the problems that do not
//! stop it (a picture, a second look), which fail the test at the end.

use std::time::Instant;

use anyhow::{Result, bail};

/// The steps of one scenario.
pub struct Steps {
    name: &'static str,
    started: Instant,
    passed: Vec<String>,
    problems: Vec<String>,
}

impl Steps {
    /// A scenario named `name` (the prefix of its lines on the test's output) starting now.
    pub fn start(name: &'static str) -> Self {
        Self {
            name,
            started: Instant::now(),
            passed: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Prints a line on the test's output (shown by nextest on failure or with `--no-capture`).
    #[allow(clippy::print_stderr)]
    pub fn say(&self, what: &str) {
        eprintln!(
            "[{}] {:>6.1} s  {what}",
            self.name,
            self.started.elapsed().as_secs_f64()
        );
    }

    /// A step passed.
    pub fn pass(&mut self, what: &str) {
        self.say(&format!("PASS {what}"));
        self.passed.push(what.to_owned());
    }

    /// A problem that does not stop the scenario, failing the test at the end.
    pub fn problem(&mut self, what: impl Into<String>) {
        let what = what.into();
        self.say(&format!("PROBLEM: {what}"));
        self.problems.push(what);
    }

    /// The end: fails with every problem recorded.
    pub fn finish(self) -> Result<()> {
        self.say(&format!("done: {} steps passed", self.passed.len()));
        if !self.problems.is_empty() {
            bail!(
                "{} problem(s):\n- {}",
                self.problems.len(),
                self.problems.join("\n- ")
            );
        }
        Ok(())
    }
}
