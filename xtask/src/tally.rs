//! Counting what passed and failed across every step of `cargo xtask test`.

/// Passed and failed counts, summed over steps.
#[derive(Debug, Default)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
    /// The names of the steps that failed, for the closing summary.
    pub failed_steps: Vec<String>,
}

impl Tally {
    /// Records a check that is one test: it passed or it failed.
    pub fn check(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            self.failed_step(name);
        }
    }

    /// Names a failed step once, however many of its checks failed.
    fn failed_step(&mut self, name: &str) {
        if !self.failed_steps.iter().any(|n| n == name) {
            self.failed_steps.push(name.to_owned());
        }
    }

    /// Adds a runner's counts; a runner that failed without reporting failures counts as one
    /// failure, so a crash never reads as green.
    pub fn add(&mut self, name: &str, counts: Option<Counts>, ok: bool) {
        match counts {
            Some(c) => {
                self.passed += c.passed;
                self.failed += c.failed;
                if c.failed > 0 || !ok {
                    self.failed_step(name);
                }
                if c.failed == 0 && !ok {
                    self.failed += 1;
                }
            }
            None => self.check(name, false),
        }
    }
}

/// One runner's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

/// Reads the last `… N passed …, M failed …` counts from a runner's output: nextest's
/// `Summary [..] 12 tests run: 11 passed, 1 failed, 0 skipped` and the SDK run's
/// `13 passed, 0 failed` both fit.
pub fn parse_counts(output: &str) -> Option<Counts> {
    output.lines().rev().find_map(|line| {
        let passed = number_before(line, " passed")?;
        let failed = number_before(line, " failed").unwrap_or(0);
        Some(Counts { passed, failed })
    })
}

/// Sums every libtest `test result: … N passed; M failed; …` line (one per test binary, as
/// `cargo test --doc` prints for each crate).
pub fn sum_libtest_counts(output: &str) -> Option<Counts> {
    let mut total: Option<Counts> = None;
    for line in output.lines().filter(|l| l.starts_with("test result:")) {
        let passed = number_before(line, " passed")?;
        let failed = number_before(line, " failed").unwrap_or(0);
        let sum = total.get_or_insert(Counts {
            passed: 0,
            failed: 0,
        });
        sum.passed += passed;
        sum.failed += failed;
    }
    total
}

fn number_before(line: &str, word: &str) -> Option<u64> {
    let end = line.find(word)?;
    let digits: String = line[..end]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(output: &str, expected: Option<(u64, u64)>) {
        let got = parse_counts(output).map(|c| (c.passed, c.failed));
        assert_eq!(got, expected, "{output}");
    }

    #[test]
    fn reads_runner_summaries() {
        check(
            "     Summary [  3.2s] 12 tests run: 12 passed, 0 skipped",
            Some((12, 0)),
        );
        check(
            "     Summary [  3.2s] 12 tests run: 10 passed, 2 failed, 0 skipped",
            Some((10, 2)),
        );
        check("ok  case\n13 passed, 0 failed\n", Some((13, 0)));
        check("nothing here", None);
    }

    #[test]
    fn sums_every_libtest_binary() {
        let output = "running 2 tests\ntest result: ok. 2 passed; 0 failed; 0 ignored\n\
                      test result: FAILED. 3 passed; 1 failed; 0 ignored\n";
        assert_eq!(
            sum_libtest_counts(output),
            Some(Counts {
                passed: 5,
                failed: 1
            })
        );
        assert_eq!(sum_libtest_counts("no tests here"), None);
    }
}
