//! [`Store`]: the local SQLite mirror.
//!
//! One writer connection behind a `std::sync::Mutex` and a small pool of read connections, all on
//! one WAL-mode database file. rusqlite is synchronous, so every closure runs on tokio's blocking
//! pool through [`Store::read`] / [`Store::write`]; the mutex is a std one because it is only ever
//! held inside those blocking closures, never across an `.await`.
//!
//! Per-connection PRAGMAs (WAL, `synchronous=FULL`, foreign keys, busy timeout) are set at open,
//! outside the migrations, because they are not part of the schema. Each table family has its own module.

pub mod businesses;
pub mod conflicts;
pub mod drafting;
mod json;
pub(crate) mod migrations;
pub mod outbox;
pub mod records;
pub mod search;
pub mod settings;
pub mod sign_ins;
pub mod stale;
pub mod sync_state;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// How long a connection waits for another writer (another process, e.g. the CLI beside the app)
/// before giving up with SQLITE_BUSY.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Read connections kept open for reuse. Reads are short; two cores make more pointless.
const MAX_IDLE_READERS: usize = 4;

/// The file name of the database inside the data directory.
pub const DATABASE_FILE: &str = "ledgerline.sqlite3";

/// A cheap-clone handle on the mirror.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    /// The one writer. Holding it serializes writes in this process; SQLite's own lock (with the
    /// busy timeout) serializes them with other processes. `None` once the files are removed.
    writer: Mutex<Option<Connection>>,
    /// Idle read connections.
    readers: Mutex<Vec<Connection>>,
    /// Set (under the writer's lock) when the files are removed: every use fails from then on,
    /// in every clone, instead of opening a new empty database at the same path.
    removed: AtomicBool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.inner.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Blocking: call it before starting async work, or inside `spawn_blocking`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|source| Error::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        make_private(path).map_err(|source| Error::DataDir {
            path: path.display().to_string(),
            source,
        })?;
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        // WAL is a property of the file, set once by the writer; readers inherit it.
        let mode: String = writer.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        tracing::debug!(journal_mode = %mode, path = %path.display(), "opened database");
        // FULL, not NORMAL: in WAL mode NORMAL lets power loss roll back a committed
        // transaction, and the outbox commits its "sending" mark before the request goes out; a
        // mark lost that way would let the next push send again without reconciling. FULL syncs
        // the WAL at every commit (measured: about 3 ms a commit on the CI disk against 15 µs).
        // The one exception is a pulled page ([`Store::write_refetchable`]): FreshBooks can send
        // it again, and a first sync commits about 170 batches of them.
        writer.pragma_update(None, "synchronous", "FULL")?;
        migrations::MIGRATIONS.to_latest(&mut writer)?;
        Ok(Store {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                writer: Mutex::new(Some(writer)),
                readers: Mutex::new(Vec::new()),
                removed: AtomicBool::new(false),
            }),
        })
    }

    /// Opens the database in a data directory.
    pub fn open_in(data_dir: &Path) -> Result<Store> {
        Store::open(&data_dir.join(DATABASE_FILE))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` on a read connection on the blocking pool.
    pub(crate) async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.read_blocking(f)).await?
    }

    /// Runs `f` inside one immediate transaction on the writer, on the blocking pool. The
    /// transaction commits when `f` returns `Ok` and rolls back otherwise.
    pub(crate) async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.write_blocking(f)).await?
    }

    /// [`Store::write`] for rows FreshBooks can send again (a pulled page and the cursor that
    /// follows it): the commit is not synced (`synchronous=NORMAL`). WAL keeps the file sound;
    /// power loss can only lose the last such commits, and their cursor with them, so the pages
    /// are pulled again. The writer is set back to `FULL` before it is released, so every other
    /// write (the outbox, local edits) stays durable; a `FULL` commit also syncs every frame
    /// before it in the WAL.
    pub(crate) async fn write_refetchable<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.write_refetchable_blocking(f)).await?
    }

    /// [`Store::read`] for code that is already off the async runtime.
    pub(crate) fn read_blocking<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.check_not_removed()?;
        let conn = match lock(&self.inner.readers).pop() {
            Some(conn) => conn,
            None => self.open_reader()?,
        };
        let res = f(&conn);
        let mut idle = lock(&self.inner.readers);
        // Checked under the pool's lock, which removal takes after setting the flag: a reader
        // out during the removal is closed here instead of going back.
        if idle.len() < MAX_IDLE_READERS && !self.inner.removed.load(Ordering::SeqCst) {
            idle.push(conn);
        }
        res
    }

    /// [`Store::write`] for code that is already off the async runtime.
    pub(crate) fn write_blocking<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut writer = lock(&self.inner.writer);
        let conn = writer.as_mut().ok_or(Error::OfflineCopyRemoved)?;
        // Set again at every write (a few µs), so no path that relaxed it can leave it relaxed.
        conn.pragma_update(None, "synchronous", "FULL")?;
        in_transaction(conn, f)
    }

    /// [`Store::write_refetchable`] for code that is already off the async runtime.
    pub(crate) fn write_refetchable_blocking<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut writer = lock(&self.inner.writer);
        let conn = writer.as_mut().ok_or(Error::OfflineCopyRemoved)?;
        // The level can only change outside a transaction: set before it, and back to FULL
        // after it whatever happened, a panic inside `f` included (the guard's drop).
        let relaxed = Relaxed::new(conn)?;
        in_transaction(relaxed.conn, f)
    }

    /// `PRAGMA integrity_check`: `Ok(())` when SQLite finds the file sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        self.read_blocking(|conn| {
            let mut stmt = conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Removes the database files for good (sign-out's "remove the offline copy"), after `check`
    /// has passed in a write transaction (which it may use to refuse).
    ///
    /// The order keeps every step safe to stop at: `check` runs holding the write lock; the WAL
    /// is then checkpointed into the database and truncated (so no `-wal` with frames is ever
    /// left beside a missing database, where SQLite would replay it into a new one); this handle
    /// is closed for good (every clone fails with [`Error::OfflineCopyRemoved`] from then on,
    /// rather than making an empty database at the same path); then the database is deleted
    /// before its `-wal` and `-shm`. A checkpoint another connection keeps from completing (a
    /// reader in another process) refuses with [`Error::OfflineCopyInUse`] before anything is
    /// deleted.
    ///
    /// The caller holds the outbox lock, so no push (here or in another process) is running.
    pub(crate) fn remove_blocking<T>(
        &self,
        check: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut writer = lock(&self.inner.writer);
        let conn = writer.as_mut().ok_or(Error::OfflineCopyRemoved)?;
        // As for every write: the check's commit is durable (the removal may yet be refused).
        conn.pragma_update(None, "synchronous", "FULL")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let checked = check(&tx)?;
        tx.commit()?;
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        if busy != 0 {
            return Err(Error::OfflineCopyInUse);
        }
        self.inner.removed.store(true, Ordering::SeqCst);
        lock(&self.inner.readers).clear();
        if let Some(conn) = writer.take() {
            // Closing the last connection may delete the -wal and -shm itself; the rest is ours.
            if let Err((_, e)) = conn.close() {
                tracing::warn!("closing the database before removing it: {e}");
            }
        }
        let path = &self.inner.path;
        for file in [
            path.clone(),
            with_suffix(path, "-wal"),
            with_suffix(path, "-shm"),
        ] {
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::DataDir {
                        path: file.display().to_string(),
                        source,
                    });
                }
            }
        }
        // The removals are durable once the folder is synced (where the OS allows opening one).
        #[cfg(unix)]
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(folder) = std::fs::File::open(dir)
        {
            let _ = folder.sync_all();
        }
        Ok(checked)
    }

    /// Fails once the files are removed.
    fn check_not_removed(&self) -> Result<()> {
        if self.inner.removed.load(Ordering::SeqCst) {
            return Err(Error::OfflineCopyRemoved);
        }
        Ok(())
    }

    fn open_reader(&self) -> Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.inner.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        configure(&conn)?;
        Ok(conn)
    }
}

/// The writer at `synchronous=NORMAL` for one transaction, set back to `FULL` when this is
/// dropped, however the transaction ended (committed, rolled back, or unwound by a panic). A
/// failure to set it back is logged rather than returned: the transaction's own result (a
/// commit done) is what the caller must learn, and [`Store::write_blocking`] sets `FULL` again
/// before every ordinary write.
struct Relaxed<'a> {
    conn: &'a mut Connection,
}

impl<'a> Relaxed<'a> {
    fn new(conn: &'a mut Connection) -> Result<Self> {
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(Self { conn })
    }
}

impl Drop for Relaxed<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.conn.pragma_update(None, "synchronous", "FULL") {
            tracing::warn!("setting the database back to synchronous=FULL: {e}");
        }
    }
}

/// Runs `f` in one immediate transaction on `conn`: committed when it returns `Ok`, rolled back
/// otherwise.
fn in_transaction<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    // IMMEDIATE takes the write lock up front, so a busy database fails (after the timeout)
    // before any work instead of at COMMIT.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let res = f(&tx)?;
    tx.commit()?;
    Ok(res)
}

/// Creates the data folder (and any missing parent) readable by its owner only (0700 on Unix),
/// whatever the umask: the mirror holds a business's books. A folder that already exists keeps
/// its mode (it may be one the user chose and shares); the files in it are private anyway.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Makes the database file private to its owner (0600 on Unix) before SQLite opens it, creating
/// it empty if needed, and its `-wal` and `-shm` files if they exist; SQLite creates those with
/// the database file's mode, so new ones are private too. Files an older version made with the
/// default umask are tightened on the next open.
fn make_private(db: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        // Creates it 0600 if missing; an existing file is left as it is (never truncated).
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(db)?;
        let files = [
            db.to_owned(),
            with_suffix(db, "-wal"),
            with_suffix(db, "-shm"),
        ];
        for file in files {
            match std::fs::metadata(&file) {
                Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
    Ok(())
}

/// The database's `-wal` or `-shm` file: its name with the suffix.
fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// PRAGMAs every connection needs; they do not persist in the file.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Room for every statement a sync's pulls repeat at once (each entity's write, the checks
    // around it) besides the screens' own, so they stay prepared.
    conn.set_prepared_statement_cache_capacity(64);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Locks a mutex, recovering the guard if a panicking thread poisoned it: a connection stays
/// usable after a panic because every write is one transaction, rolled back on drop.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A store on a temp file (WAL behaves differently in `:memory:`).

    use super::*;

    /// The writer's `PRAGMA synchronous` now (2 = FULL), read outside any transaction.
    pub fn writer_synchronous(store: &Store) -> i64 {
        let writer = lock(&store.inner.writer);
        let conn = writer.as_ref().unwrap();
        conn.query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    }

    /// A fresh store and the directory that holds it (drop it last).
    pub fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        (dir, store)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::temp_store;

    #[test]
    fn opens_in_wal_with_foreign_keys() {
        let (_dir, store) = temp_store();
        let (mode, fk): (String, i64) = store
            .read_blocking(|c| {
                Ok((
                    c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
                    c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
                ))
            })
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_owned()]);
    }

    /// Issue 13 item 11: in WAL mode `synchronous=NORMAL` lets power loss roll back a committed
    /// transaction, such as the outbox's "sending" mark written before a request goes out; the
    /// next push would then send it again without reconciling. Every commit on the writer (the
    /// outbox's included) is durable: `FULL` (2), read inside a write transaction as it commits.
    #[test]
    fn power_loss_cannot_roll_back_a_committed_sending_mark() {
        let (dir, store) = temp_store();
        let on_writer = |store: &super::Store| -> i64 {
            store
                .write_blocking(|tx| Ok(tx.query_row("PRAGMA synchronous", [], |r| r.get(0))?))
                .unwrap()
        };
        assert_eq!(
            on_writer(&store),
            2,
            "synchronous=FULL on the write connection"
        );
        drop(store);
        // And again on a database that already existed (the pragma is per connection).
        let store = super::Store::open_in(dir.path()).unwrap();
        assert_eq!(on_writer(&store), 2);
    }

    /// A write of what FreshBooks can send again (a pulled page) commits with
    /// `synchronous=NORMAL` (1); the writer is back to `FULL` (2) after it, whether it committed
    /// or rolled back, so the next write (an outbox mark, a local edit) is durable again.
    #[test]
    fn a_refetchable_write_is_relaxed_and_leaves_the_writer_full() {
        let (_dir, store) = temp_store();
        let inside = store
            .write_refetchable_blocking(|tx| {
                tx.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?;
                Ok(tx.query_row("PRAGMA synchronous", [], |r| r.get::<_, i64>(0))?)
            })
            .unwrap();
        assert_eq!(inside, 1, "NORMAL while the pulled rows commit");
        assert_eq!(
            super::test_support::writer_synchronous(&store),
            2,
            "FULL again after a commit"
        );
        let failed: crate::Result<()> =
            store.write_refetchable_blocking(|_| Err(crate::Error::Cancelled));
        assert!(matches!(failed, Err(crate::Error::Cancelled)));
        assert_eq!(
            super::test_support::writer_synchronous(&store),
            2,
            "FULL again after a rollback"
        );
        let durable = store
            .write_blocking(
                |tx| Ok(tx.query_row("PRAGMA synchronous", [], |r| r.get::<_, i64>(0))?),
            )
            .unwrap();
        assert_eq!(durable, 2, "an ordinary write commits with FULL");
        let v: String = store
            .read_blocking(|c| {
                Ok(c.query_row("SELECT value FROM settings WHERE key='k'", [], |r| r.get(0))?)
            })
            .unwrap();
        assert_eq!(v, "v", "the relaxed write committed");
    }

    /// A panic inside the relaxed write (its transaction rolled back as it unwinds) still leaves
    /// the writer at `FULL`: a removal of the offline copy, which does not set it again, or any
    /// other write after it, commits durably.
    #[test]
    fn a_panic_in_a_refetchable_write_leaves_the_writer_full() {
        let (_dir, store) = temp_store();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _: crate::Result<()> = store.write_refetchable_blocking(|tx| {
                tx.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?;
                panic!("a bug while writing a pulled page");
            });
        }));
        assert!(panicked.is_err());
        assert_eq!(
            super::test_support::writer_synchronous(&store),
            2,
            "FULL again after a panic"
        );
        let rows: i64 = store
            .read_blocking(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM settings WHERE key='k'", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap();
        assert_eq!(rows, 0, "the panicked write was rolled back");
    }

    #[test]
    fn reopening_keeps_data_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = super::Store::open_in(dir.path()).unwrap();
            store
                .write_blocking(|tx| {
                    tx.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?;
                    Ok(())
                })
                .unwrap();
        }
        let store = super::Store::open_in(dir.path()).unwrap();
        let v: String = store
            .read_blocking(|c| {
                Ok(c.query_row("SELECT value FROM settings WHERE key='k'", [], |r| r.get(0))?)
            })
            .unwrap();
        assert_eq!(v, "v");
    }

    /// Removal deletes the database and its `-wal` and `-shm`; every clone fails from then on
    /// and none makes an empty database at the same path.
    #[test]
    fn removing_closes_every_clone_and_leaves_no_file() {
        let (dir, store) = temp_store();
        let clone = store.clone();
        store
            .write_blocking(|tx| {
                tx.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?;
                Ok(())
            })
            .unwrap();
        clone
            .read_blocking(|c| Ok(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
            .unwrap();
        let refused: crate::Result<()> = store.remove_blocking(|_| Err(crate::Error::Cancelled));
        assert!(matches!(refused, Err(crate::Error::Cancelled)));
        assert!(store.path().exists(), "a refused check removes nothing");
        store.remove_blocking(|_| Ok(())).unwrap();
        let files = [
            "ledgerline.sqlite3",
            "ledgerline.sqlite3-wal",
            "ledgerline.sqlite3-shm",
        ];
        for name in files {
            assert!(!dir.path().join(name).exists(), "{name}");
        }
        assert!(matches!(
            clone.read_blocking(|_| Ok(())),
            Err(crate::Error::OfflineCopyRemoved)
        ));
        assert!(matches!(
            clone.write_blocking(|_| Ok(())),
            Err(crate::Error::OfflineCopyRemoved)
        ));
        for name in files {
            assert!(!dir.path().join(name).exists(), "{name} came back");
        }
    }

    #[test]
    fn failed_write_rolls_back() {
        let (_dir, store) = temp_store();
        let res: crate::Result<()> = store.write_blocking(|tx| {
            tx.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?;
            Err(crate::Error::Cancelled)
        });
        assert!(res.is_err());
        let n: i64 = store
            .read_blocking(|c| Ok(c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 0);
    }
}
