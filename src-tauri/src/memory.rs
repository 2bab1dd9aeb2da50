//! How the app's own process holds memory (issue 14: PSS within 1.25× of a blank Tauri app).
//!
//! On Linux with glibc every thread that allocates may get its own malloc arena (up to eight per
//! core), and memory freed in an arena mostly stays with the process: after a large sync the
//! app kept tens of MiB it no longer used. So the arenas are limited to [`ARENAS`] before any
//! thread starts, and after each sync (once it has ended and its buffers are dropped) the free
//! memory is given back to the system. The async runtime gets [`WORKERS`] threads, not one per
//! core: the app waits on the network and on SQLite (which runs on blocking threads), it does
//! not compute.
//!
//! Elsewhere (other allocators, other systems) these are no-ops.

#![allow(unsafe_code)]

/// glibc malloc arenas for the whole process (the main one and one more).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ARENAS: libc::c_int = 2;

/// Worker threads of the async runtime.
const WORKERS: usize = 2;

/// Limits the malloc arenas. Call first thing in `main`, before any thread is started.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a malloc parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
}

/// Gives the free memory of the malloc heap back to the system (after a sync ended).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the heap; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Makes Tauri's async runtime a multi-thread tokio runtime with [`WORKERS`] workers (Tauri's
/// own has one per core). Call before Tauri starts; if the runtime cannot be built, Tauri's
/// default is kept.
pub fn small_runtime() {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_all()
        .build()
    {
        Ok(runtime) => {
            // Lives as long as the process, as Tauri's own would.
            let runtime: &'static tokio::runtime::Runtime = Box::leak(Box::new(runtime));
            tauri::async_runtime::set(runtime.handle().clone());
        }
        Err(e) => tracing::warn!("the async runtime keeps its default threads: {e}"),
    }
}
