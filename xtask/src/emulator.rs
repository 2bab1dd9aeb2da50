//! The emulator as a child process, for the SDK conformance run and the benchmark.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use anyhow::{Context as _, Result, bail};

/// A running emulator process; killed when dropped.
pub struct EmulatorProcess {
    child: Child,
    /// Where it listens, e.g. `http://127.0.0.1:40123`.
    pub base_url: String,
}

impl EmulatorProcess {
    /// Starts it and reads the base URL it prints first.
    pub fn start(command: &mut Command) -> Result<Self> {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("cannot start the emulator")?;
        let stdout = child.stdout.take().context("stdout is piped")?;
        let mut reader = BufReader::new(stdout);
        let mut first = String::new();
        reader.read_line(&mut first)?;
        let base_url = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .map(str::to_owned);
        // Keep draining its stdout so it never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = reader.read_to_end(&mut sink);
        });
        match base_url {
            Some(base_url) => Ok(Self { child, base_url }),
            None => {
                let _ = child.kill();
                bail!("the emulator printed `{}` instead of its URL", first.trim())
            }
        }
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        self.stop();
    }
}
