//! Running child processes: echoed, timed, with the task environment.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

/// Runs a command in `dir`, streaming its output; fails if it fails.
pub fn exec(command: &mut Command, dir: &Path) -> Result<()> {
    let status = run_status(command, dir)?;
    if !status.success() {
        bail!("`{}` failed ({status})", describe(command));
    }
    Ok(())
}

/// Runs a command, streaming its output, and returns whether it succeeded.
pub fn run_status(command: &mut Command, dir: &Path) -> Result<std::process::ExitStatus> {
    println!("$ {}", describe(command));
    command
        .current_dir(dir)
        .status()
        .with_context(|| format!("cannot start `{}`", describe(command)))
}

/// Runs a command, echoing its output live and keeping a copy for counting.
pub fn tee(command: &mut Command, dir: &Path) -> Result<(bool, String)> {
    println!("$ {}", describe(command));
    let mut child = command
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start `{}`", describe(command)))?;
    let stderr = child.stderr.take().context("stderr is piped")?;
    let err_thread = std::thread::spawn(move || {
        let mut copy = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            copy.push_str(&line);
            copy.push('\n');
        }
        copy
    });
    let mut copy = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            copy.push_str(&line);
            copy.push('\n');
        }
    }
    let status = child.wait()?;
    copy.push_str(&err_thread.join().unwrap_or_default());
    Ok((status.success(), copy))
}

/// Runs a command quietly and returns its output (for probes such as `--version`).
pub fn capture(command: &mut Command) -> Option<Output> {
    command
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
}

/// Prints a step's heading, runs it, and prints how long it took.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("\n==> {name}");
    let started = Instant::now();
    let res = f();
    let took = started.elapsed().as_secs_f32();
    match &res {
        Ok(_) => println!("<== {name}: done in {took:.1}s"),
        Err(err) => println!("<== {name}: FAILED after {took:.1}s: {err:#}"),
    }
    res
}

/// The command line, for echoing.
pub fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
