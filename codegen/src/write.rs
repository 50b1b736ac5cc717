//! Puts generated files on disk, or compares them with what is there (`--check`).
//!
//! Files arrive one at a time, from any thread, as soon as each is printed ([`Sink`]): a
//! [`Writer`] compares each with what is on disk and stages it at once if it changed, a
//! [`Checker`] keeps only the differences, so neither holds the whole output.
//!
//! Only files that carry [`GENERATED_MARK`] belong to the generator: it replaces and removes
//! those, and refuses to overwrite any other file.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use rayon::prelude::*;
use similar::TextDiff;

use crate::cache::{self, Recorded, Stamp};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::emit::{GENERATED_MARK, GeneratedFile, Sink};

/// At most this many diff lines are shown per stale file.
const DIFF_LINES: usize = 40;

/// What a write changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced, relative to the output directory.
    pub written: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Generated files the spec no longer produces, now deleted.
    pub removed: Vec<PathBuf>,
}

/// How the output directory differs from what the spec produces.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose contents differ, each with a short unified diff.
    pub stale: Vec<(PathBuf, String)>,
    /// Files the spec produces that are absent.
    pub missing: Vec<PathBuf>,
    /// Generated files the spec no longer produces.
    pub stray: Vec<PathBuf>,
}

impl Drift {
    /// Whether the output is exactly what the spec produces.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.stray.is_empty()
    }
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (path, diff) in &self.stale {
            writeln!(f, "stale: {}\n{diff}", path.display())?;
        }
        for path in &self.missing {
            writeln!(f, "missing: {}", path.display())?;
        }
        for path in &self.stray {
            writeln!(
                f,
                "stray: {} (the spec no longer produces it)",
                path.display()
            )?;
        }
        Ok(())
    }
}

fn io_error(path: &Path, what: &str, error: &io::Error) -> Diagnostic {
    Diagnostic::new(Location::file(path), format!("cannot {what}: {error}"))
}

/// Compares `out` with `files` without writing anything.
pub fn check(out: &Path, files: &[GeneratedFile]) -> Result<Drift, Diagnostics> {
    let checker = Checker::new(out);
    feed(&checker, files)?;
    checker.finish()
}

/// Writes `files` into `out` as one atomic change (see [`Writer`]).
pub fn write(out: &Path, files: &[GeneratedFile]) -> Result<WriteReport, Diagnostics> {
    let writer = Writer::new(out);
    feed(&writer, files)?;
    writer.finish()
}

/// Hands every file to `sink`, on every core, reporting every file it refused.
fn feed(sink: &dyn Sink, files: &[GeneratedFile]) -> Result<(), Diagnostics> {
    let refused: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|file| sink.accept(file).err())
        .collect();
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(refused);
    diagnostics.into_result(())
}

/// Takes the lock even if another thread panicked while holding it: the guarded lists are
/// only ever pushed to, so they stay consistent.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Compares files with what `out` holds as they arrive, keeping only the differences.
pub struct Checker {
    out: PathBuf,
    produced: Mutex<HashSet<PathBuf>>,
    drift: Mutex<Drift>,
}

impl Checker {
    /// A checker of the output directory `out`.
    pub fn new(out: &Path) -> Self {
        Self {
            out: out.to_path_buf(),
            produced: Mutex::default(),
            drift: Mutex::default(),
        }
    }

    /// How `out` differs from the files received, strays included, each list sorted.
    pub fn finish(self) -> Result<Drift, Diagnostics> {
        let produced = self
            .produced
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let mut drift = self
            .drift
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        drift.stale.sort();
        drift.missing.sort();
        drift.stray = stray_files(&self.out, &produced)?;
        Ok(drift)
    }
}

impl Sink for Checker {
    fn accept(&self, file: &GeneratedFile) -> Result<(), Diagnostic> {
        let existing = read_existing(&self.out.join(&file.path))?;
        lock(&self.produced).insert(file.path.clone());
        match existing {
            None => lock(&self.drift).missing.push(file.path.clone()),
            Some(existing) if existing != file.contents.as_bytes() => {
                let diff = short_diff(
                    &file.path,
                    &String::from_utf8_lossy(&existing),
                    &file.contents,
                );
                lock(&self.drift).stale.push((file.path.clone(), diff));
            }
            Some(_) => {}
        }
        Ok(())
    }

    fn keep(&self, path: &Path, recorded: Recorded) -> Result<Option<Recorded>, Diagnostic> {
        keep_existing(&self.out, &self.produced, path, recorded)
    }
}

/// How many files a change may write or remove and still be committed in place
/// ([`Writer`]); a larger change swaps in a whole staged tree.
pub const IN_PLACE_AT_MOST: usize = 256;

/// Writes files into `out`, staging each changed one as it arrives, and commits them all or
/// none.
///
/// Each changed file is written into a sibling staging directory as soon as it arrives (and
/// then dropped). Nothing is touched when nothing changed: the staging directory is only made
/// for the first changed file. Any failure before [`finish`](Self::finish), or a writer
/// dropped without it, removes the staging directory and leaves `out` exactly as it was.
/// `finish` commits in one of two ways, by the size of the change:
///
/// - At most [`IN_PLACE_AT_MOST`] files written or removed, as after a one-page change: in
///   place. Each staged file is renamed over its target, which replaces it atomically, after
///   the old one is linked aside, and each removed file is moved aside; if any step fails,
///   every step done is undone. A reader may see some files new and others not yet, for the
///   moment the renames take. The cost is a few system calls per changed file.
/// - More: the complete new tree is staged, unchanged files and files the generator does not
///   own hard-linked from the current tree (same inode, same modification time), and takes the
///   place of `out` in one step (an atomic exchange on Linux; two renames with rollback
///   elsewhere), so a reader sees either the old crate or the new one, never a mix. That costs
///   a folder made and a link per file of the whole tree, and as much again to remove the
///   retired tree, which would dominate a small change; a large one pays far more for printing
///   its files. The current tree's folders are mirrored into the staging tree on a thread of
///   their own from the moment the change outgrows the first way, while the rest is printed:
///   making a folder is a system call whose time goes in the kernel, and a crate has a
///   thousand of them.
pub struct Writer {
    out: PathBuf,
    /// Made by the first changed file; an error is kept to be reported by every later use.
    staging: OnceLock<Result<PathBuf, Diagnostic>>,
    produced: Mutex<HashSet<PathBuf>>,
    report: Mutex<WriteReport>,
    /// The thread mirroring the current tree's folders into the staging tree, once the change
    /// is too large to commit in place.
    mirroring: Mutex<Option<Mirroring>>,
}

impl Writer {
    /// A writer into the output directory `out`.
    pub fn new(out: &Path) -> Self {
        Self {
            out: out.to_path_buf(),
            staging: OnceLock::new(),
            produced: Mutex::default(),
            report: Mutex::default(),
            mirroring: Mutex::default(),
        }
    }

    /// Starts mirroring the current tree's folders into the staging tree, if there is a
    /// current tree.
    fn start_mirroring(&self, staging: &Path) {
        if !self.out.is_dir() {
            return;
        }
        let (from, to) = (self.out.clone(), staging.to_path_buf());
        *lock(&self.mirroring) = Some(std::thread::spawn(move || {
            mirror_folders(&from, &to, Path::new(""))
        }));
    }

    /// Waits for the folders being mirrored, if they are, and returns the current tree's
    /// files.
    fn mirrored(&self) -> Result<Option<Vec<TreeFile>>, Diagnostic> {
        match lock(&self.mirroring)
            .take()
            .map(std::thread::JoinHandle::join)
        {
            None => Ok(None),
            Some(Ok(files)) => files.map(Some),
            Some(Err(_)) => Err(Diagnostic::new(
                Location::file(&self.out),
                "the thread making the staging tree's folders stopped",
            )),
        }
    }

    /// The staging directory, made on first use.
    fn staging(&self) -> Result<&Path, Diagnostic> {
        self.staging
            .get_or_init(|| {
                let staging = sibling(&self.out, "codegen-new")?;
                fs::create_dir_all(&staging)
                    .map_err(|error| io_error(&staging, "create", &error))?;
                Ok(staging)
            })
            .as_ref()
            .map(PathBuf::as_path)
            .map_err(Clone::clone)
    }

    /// Commits the staged files and the removal of the generated files the spec no longer
    /// produces, if anything changed. Call it only once every file has arrived without error.
    pub fn finish(self) -> Result<WriteReport, Diagnostics> {
        let produced = std::mem::take(&mut *lock(&self.produced));
        let mut report = std::mem::take(&mut *lock(&self.report));
        report.written.sort();
        // Every file produced was either written or found as it is; counted here, so a file
        // taken twice (kept from the cache, then printed after all) counts once.
        report.unchanged = produced.len() - report.written.len();
        report.removed = stray_files(&self.out, &produced)?;
        let mirrored = self.mirrored()?;
        if report.written.is_empty() && report.removed.is_empty() {
            return Ok(report);
        }
        let staging = self.staging()?;
        if !self.out.exists() {
            swap(&self.out, staging)?;
        } else if report.written.len() + report.removed.len() <= IN_PLACE_AT_MOST {
            commit_in_place(&self.out, staging, &report)?;
        } else {
            let files = match mirrored {
                Some(files) => files,
                None => mirror_folders(&self.out, staging, Path::new(""))?,
            };
            let replaced: HashSet<&Path> = report
                .written
                .iter()
                .chain(&report.removed)
                .map(PathBuf::as_path)
                .collect();
            // A link is a system call whose time goes in the kernel, which serves several at
            // once.
            files
                .par_iter()
                .filter(|file| !replaced.contains(file.path.as_path()))
                .try_for_each(|file| {
                    let target = staging.join(&file.path);
                    link_or_copy(&self.out.join(&file.path), &target, file.symlink)
                })?;
            remove_emptied_folders(staging, &report.removed);
            swap(&self.out, staging)?;
        }
        Ok(report)
        // Dropping `self` removes the staging path, which now holds the old tree or nothing.
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.mirrored();
        if let Some(Ok(staging)) = self.staging.get() {
            // What is left after an error (a file vanished) is removed the slow way.
            if remove_tree(staging).is_err() {
                let _ = fs::remove_dir_all(staging);
            }
        }
    }
}

impl Sink for Writer {
    fn accept(&self, file: &GeneratedFile) -> Result<(), Diagnostic> {
        let existing = read_existing(&self.out.join(&file.path))?;
        lock(&self.produced).insert(file.path.clone());
        match existing {
            Some(existing) if existing == file.contents.as_bytes() => return Ok(()),
            Some(existing) if !is_generated(&existing) => {
                return Err(Diagnostic::new(
                    Location::file(self.out.join(&file.path)),
                    "refusing to overwrite a file that the generator did not write",
                )
                .with_hint(format!(
                    "move it away, or add the `{GENERATED_MARK}` header if the generator owns it"
                )));
            }
            _ => {}
        }
        let staging = self.staging()?;
        let target = staging.join(&file.path);
        make_parent(&target)?;
        fs::write(&target, &file.contents).map_err(|error| io_error(&target, "write", &error))?;
        let written = {
            let mut report = lock(&self.report);
            report.written.push(file.path.clone());
            report.written.len()
        };
        // Once, at the file that makes the change too large to commit in place.
        if written == IN_PLACE_AT_MOST + 1 {
            self.start_mirroring(staging);
        }
        Ok(())
    }

    fn keep(&self, path: &Path, recorded: Recorded) -> Result<Option<Recorded>, Diagnostic> {
        keep_existing(&self.out, &self.produced, path, recorded)
    }
}

/// One step of [`commit_in_place`], as it is undone.
enum Committed {
    /// `out/path` was replaced; the old file is at `aside/path`.
    Replaced(PathBuf),
    /// `out/path` is new, and so are its folders from `out/folder` down, if any.
    Created {
        path: PathBuf,
        folder: Option<PathBuf>,
    },
    /// `out/path` was moved to `aside/path`.
    Removed(PathBuf),
}

/// Moves the files of `report` from `staging` into `out` and removes its strays, keeping each
/// old file aside until all succeeded, and putting every one back if a step fails.
fn commit_in_place(out: &Path, staging: &Path, report: &WriteReport) -> Result<(), Diagnostic> {
    let aside = sibling(out, "codegen-old")?;
    let mut done = Vec::new();
    let result = report
        .written
        .iter()
        .try_for_each(|path| {
            let (target, staged) = (out.join(path), staging.join(path));
            if target.symlink_metadata().is_ok() {
                // Linked first, so the target is replaced in one rename and never missing.
                let old = aside.join(path);
                make_parent(&old)?;
                link_or_copy(&target, &old, false)?;
                done.push(Committed::Replaced(path.clone()));
                return rename(&staged, &target, "replace");
            }
            let folder = path
                .ancestors()
                .skip(1)
                .take_while(|folder| !folder.as_os_str().is_empty() && !out.join(folder).exists())
                .last()
                .map(Path::to_path_buf);
            done.push(Committed::Created {
                path: path.clone(),
                folder,
            });
            make_parent(&target)?;
            rename(&staged, &target, "create")
        })
        .and_then(|()| {
            report.removed.iter().try_for_each(|path| {
                let old = aside.join(path);
                make_parent(&old)?;
                fs::rename(out.join(path), &old)
                    .map_err(|error| io_error(&out.join(path), "remove", &error))?;
                done.push(Committed::Removed(path.clone()));
                Ok(())
            })
        });
    let Err(error) = result else {
        remove_emptied_folders(out, &report.removed);
        let _ = remove_tree(&aside);
        return Ok(());
    };
    let mut undone = true;
    for step in done.into_iter().rev() {
        undone &= match step {
            Committed::Replaced(path) | Committed::Removed(path) => {
                fs::rename(aside.join(&path), out.join(&path)).is_ok()
            }
            Committed::Created { path, folder } => {
                let removed = fs::remove_file(out.join(&path));
                // Only the folders this commit made, and only once empty again.
                if let Some(made) = folder {
                    for folder in path.ancestors().skip(1) {
                        if fs::remove_dir(out.join(folder)).is_err() || folder == made {
                            break;
                        }
                    }
                }
                removed.is_ok() || !out.join(&path).exists()
            }
        };
    }
    if undone {
        let _ = remove_tree(&aside);
        return Err(error);
    }
    // The old files that could not be put back stay where they are, for the user to recover.
    Err(error.with_hint(format!(
        "some replaced files could not be put back; their old contents are in {}",
        aside.display()
    )))
}

/// Makes the folder of `path`, if it is missing.
fn make_parent(path: &Path) -> Result<(), Diagnostic> {
    match path.parent() {
        Some(folder) => {
            fs::create_dir_all(folder).map_err(|error| io_error(folder, "create", &error))
        }
        None => Ok(()),
    }
}

/// Moves the staged file `from` to `to`, which it is to `what`.
fn rename(from: &Path, to: &Path, what: &str) -> Result<(), Diagnostic> {
    fs::rename(from, to).map_err(|error| io_error(to, what, &error))
}

/// Removes from `tree` the folders that held only `removed` files: a folder that holds
/// anything else (a hand-written file, another folder) is not empty, and stays.
fn remove_emptied_folders(tree: &Path, removed: &[PathBuf]) {
    for stray in removed {
        for folder in stray.ancestors().skip(1) {
            if folder.as_os_str().is_empty() || fs::remove_dir(tree.join(folder)).is_err() {
                break;
            }
        }
    }
}

/// Whether the file `out/path` exists and holds the contents `recorded`, read from its stamp
/// when that is the one recorded and from its bytes otherwise; if so, it counts as produced, as
/// if it had been printed, and its stamp now is returned with the contents.
fn keep_existing(
    out: &Path,
    produced: &Mutex<HashSet<PathBuf>>,
    path: &Path,
    recorded: Recorded,
) -> Result<Option<Recorded>, Diagnostic> {
    let file = out.join(path);
    let metadata = match fs::metadata(&file) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io_error(&file, "inspect", &error)),
    };
    // Taken before reading: a change after this point changes the stamp the next run sees.
    let stamp = Stamp::settled(&metadata);
    let holds = recorded.vouched_by(stamp)
        || read_existing(&file)?
            .is_some_and(|bytes| cache::contents_hash(&bytes) == recorded.contents);
    if !holds {
        return Ok(None);
    }
    lock(produced).insert(path.to_path_buf());
    Ok(Some(Recorded {
        contents: recorded.contents,
        stamp,
    }))
}

/// A path beside `out`, on the same file system, for a staged or retired tree.
fn sibling(out: &Path, suffix: &str) -> Result<PathBuf, Diagnostic> {
    let name = out.file_name().ok_or_else(|| {
        Diagnostic::new(
            Location::file(out),
            "the output path has no final folder name",
        )
    })?;
    let path = out.with_file_name(format!(".{}.{suffix}", name.to_string_lossy()));
    // Left over from an interrupted run: it never holds anything the user could lose.
    match fs::remove_dir_all(&path) {
        Ok(()) => Ok(path),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(path),
        Err(error) => Err(io_error(&path, "clear the staging directory", &error)),
    }
}

/// The thread of [`mirror_folders`] over the current tree.
type Mirroring = std::thread::JoinHandle<Result<Vec<TreeFile>, Diagnostic>>;

/// A file (or symbolic link) of the current tree, to link into the staged one.
struct TreeFile {
    /// Its path below the tree.
    path: PathBuf,
    symlink: bool,
}

/// Makes in `to` every folder below `from/relative`, and returns the files below it. Folders
/// are mirrored in parallel: making one is a system call whose time goes in the kernel, which
/// serves separate folders at once.
fn mirror_folders(from: &Path, to: &Path, relative: &Path) -> Result<Vec<TreeFile>, Diagnostic> {
    let dir = from.join(relative);
    let entries = fs::read_dir(&dir)
        .and_then(Iterator::collect::<io::Result<Vec<_>>>)
        .map_err(|error| io_error(&dir, "list", &error))?;
    let files = entries
        .par_iter()
        .map(|entry| {
            let path = relative.join(entry.file_name());
            let kind = entry
                .file_type()
                .map_err(|error| io_error(&entry.path(), "inspect", &error))?;
            if !kind.is_dir() {
                let symlink = kind.is_symlink();
                return Ok(vec![TreeFile { path, symlink }]);
            }
            let target = to.join(&path);
            fs::create_dir_all(&target).map_err(|error| io_error(&target, "create", &error))?;
            mirror_folders(from, to, &path)
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    Ok(files.into_iter().flatten().collect())
}

/// Removes the folder `dir` and everything in it, subfolders in parallel (see
/// [`mirror_folders`]).
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

fn link_or_copy(source: &Path, target: &Path, symlink: bool) -> Result<(), Diagnostic> {
    #[cfg(unix)]
    if symlink {
        let pointee =
            fs::read_link(source).map_err(|error| io_error(source, "read link", &error))?;
        return std::os::unix::fs::symlink(pointee, target)
            .map_err(|error| io_error(target, "link", &error));
    }
    let _ = symlink;
    if fs::hard_link(source, target).is_ok() {
        return Ok(());
    }
    fs::copy(source, target).map_err(|error| io_error(target, "copy", &error))?;
    Ok(())
}

/// Puts the staged tree in place of `out`; afterwards `staging` holds the old tree, if any.
fn swap(out: &Path, staging: &Path) -> Result<(), Diagnostic> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(|error| io_error(out, "create", &error));
    }
    #[cfg(target_os = "linux")]
    if rustix::fs::renameat_with(
        rustix::fs::CWD,
        staging,
        rustix::fs::CWD,
        out,
        rustix::fs::RenameFlags::EXCHANGE,
    )
    .is_ok()
    {
        return Ok(());
    }
    // No atomic exchange here: retire the old tree, move the new one in, and put the old one
    // back if that fails.
    let retired = sibling(out, "codegen-old")?;
    fs::rename(out, &retired).map_err(|error| io_error(out, "move aside", &error))?;
    if let Err(error) = fs::rename(staging, out) {
        let _ = fs::rename(&retired, out);
        return Err(io_error(out, "replace", &error));
    }
    fs::rename(&retired, staging).map_err(|error| io_error(&retired, "clean up", &error))
}

fn is_generated(contents: &[u8]) -> bool {
    let first = contents
        .split(|&byte| byte == b'\n')
        .next()
        .unwrap_or_default();
    String::from_utf8_lossy(first).contains(GENERATED_MARK)
}

/// Whether a file on disk carries the mark, reading no more than its first line.
fn first_line_is_generated(path: &Path) -> Result<bool, Diagnostic> {
    let file = fs::File::open(path).map_err(|error| io_error(path, "read", &error))?;
    let mut first = Vec::new();
    io::BufReader::new(file)
        .take(1024)
        .read_until(b'\n', &mut first)
        .map_err(|error| io_error(path, "read", &error))?;
    Ok(is_generated(&first))
}

/// The file's contents, or `None` when it does not exist.
fn read_existing(path: &Path) -> Result<Option<Vec<u8>>, Diagnostic> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io_error(path, "read", &error)),
    }
}

/// Generated files below `out` (outside `target/`) that are not `produced`, sorted.
fn stray_files(out: &Path, produced: &HashSet<PathBuf>) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut stray = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let dir = out.join(&relative);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(io_error(&dir, "list", &error)),
        };
        for entry in entries {
            let entry = entry.map_err(|error| io_error(&dir, "list", &error))?;
            let path = relative.join(entry.file_name());
            let kind = entry
                .file_type()
                .map_err(|error| io_error(&entry.path(), "inspect", &error))?;
            if kind.is_dir() {
                if entry.file_name() != "target" {
                    pending.push(path);
                }
            } else if kind.is_file()
                && !produced.contains(path.as_path())
                && first_line_is_generated(&entry.path())?
            {
                stray.push(path);
            }
        }
    }
    stray.sort();
    Ok(stray)
}

fn short_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    let diff = TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("{name} (on disk)"),
            &format!("{name} (from the spec)"),
        )
        .to_string();
    let total = diff.lines().count();
    let mut shown: String = diff
        .lines()
        .take(DIFF_LINES)
        .map(|line| format!("  {line}\n"))
        .collect();
    if total > DIFF_LINES {
        shown.push_str(&format!("  … {} more diff lines\n", total - DIFF_LINES));
    }
    shown
}
