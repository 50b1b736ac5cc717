//! The rerun cache: which printed contents each file had for the IR it was printed from, so a
//! rerun formats only the files whose IR changed.
//!
//! Each entry maps a file's path to the key of what it was printed from (a hash of the IR the
//! emitter reads for it, [`crate::emit::Unit::key`]) and a hash of the contents printed. A
//! file is taken from the cache only when its key is the same *and* the file on disk still
//! holds the recorded contents, so the cache can only save work, never change the output: a
//! hand-edited or deleted file is printed again. Whether it holds them is read from its
//! [`Stamp`] when the one recorded still matches, and from its bytes otherwise. Entries are
//! valid for one generator binary only ([`Cache::open`] takes its fingerprint): a cache written
//! by another build is ignored whole. A missing, unreadable or corrupt cache is an empty one.
//!
//! It also records the hash and stamp of each spec file the run read, so that the next run's
//! [`crate::load::fingerprint`] reads only the spec files whose stamps changed.
//! And it names the output folder it serves ([`output_of`]), so that caches of folders since
//! removed can be found and removed too.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::emit::Sink;

/// The first bytes of a cache file; a change of layout changes it.
const MAGIC: &[u8; 24] = b"msgraph-codegen-cache-5\n";

/// A 64-bit hash of `value` with the standard library's SipHash, keyed the same in every run of
/// one binary (and a cache never outlives its binary).
pub fn hash(value: &(impl Hash + ?Sized)) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The hash of a file's contents, as recorded in the cache and compared with the disk.
pub fn contents_hash(bytes: &[u8]) -> u64 {
    hash(bytes)
}

/// A fingerprint of the running executable: its size and modification time, which every
/// rebuild changes (cargo links a new file whenever the generator's code or its dependencies
/// change), read from its metadata rather than its bytes so that a rerun does not pay for
/// reading the whole binary.
pub fn running_generator() -> io::Result<u64> {
    let exe = std::env::current_exe()?;
    let metadata = fs::metadata(&exe)?;
    let modified = metadata
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Ok(hash(&(
        exe,
        metadata.len(),
        modified.as_nanos(),
        env!("CARGO_PKG_VERSION"),
    )))
}

/// How long after its last change a file's [`Stamp`] can vouch for its contents: a file written
/// again within its file system's timestamp granularity (two seconds at the coarsest, FAT's)
/// can keep its modification time.
const SETTLE: Duration = Duration::from_secs(2);

/// A file's length, modification time and inode, from its metadata. A file whose stamp is the
/// one recorded when it was last found to hold its contents still holds them, and is not read
/// again: writing to it changes its modification time, and replacing it changes its inode. The
/// inode-change time is left out, since staging a rerun hard-links every unchanged file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    length: u64,
    /// Nanoseconds since the Unix epoch.
    modified: u64,
    inode: u64,
}

impl Stamp {
    /// The stamp of a file with `metadata`, if its last change is at least two seconds old; a
    /// newer file could change again and keep its stamp, so it is read the next time instead
    /// (git's index treats such "racily clean" entries the same way).
    pub fn settled(metadata: &fs::Metadata) -> Option<Self> {
        let modified = metadata.modified().ok()?;
        // A modification time ahead of the clock is never settled.
        SystemTime::now()
            .duration_since(modified)
            .ok()
            .filter(|age| *age >= SETTLE)?;
        let since_epoch = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
        Some(Self {
            length: metadata.len(),
            modified: u64::try_from(since_epoch.as_nanos()).ok()?,
            inode: inode(metadata),
        })
    }
}

#[cfg(unix)]
fn inode(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

// Stable Rust reads no file identity on other systems; length and time remain.
#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

/// What the cache knows of a file's contents: their hash, and the file's [`Stamp`] when it was
/// last found to hold them, if it was settled then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// [`contents_hash`] of the contents.
    pub contents: u64,
    /// The stamp that vouches for the contents without reading them.
    pub stamp: Option<Stamp>,
}

impl Recorded {
    /// Whether a file's `stamp` now ([`Stamp::settled`]) vouches that it still holds these
    /// contents, without reading it: it is settled, and the stamp recorded with them.
    pub fn vouched_by(&self, stamp: Option<Stamp>) -> bool {
        stamp.is_some() && stamp == self.stamp
    }

    /// A file just printed with `contents`, not yet stamped.
    pub fn printed(contents: &str) -> Self {
        Self {
            contents: contents_hash(contents.as_bytes()),
            stamp: None,
        }
    }
}

/// What a file was printed from and what it contained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    key: u64,
    recorded: Recorded,
}

/// The entries of the last run, and those of this run as they are recorded.
#[derive(Debug)]
pub struct Cache {
    generator: u64,
    /// The fingerprint of the spec the last run generated from ([`crate::load::fingerprint`]).
    previous_spec: Option<u64>,
    /// What the last run found of each spec file, by its path in the spec directory.
    previous_spec_files: HashMap<PathBuf, Recorded>,
    previous: HashMap<PathBuf, Entry>,
    next_spec_files: Mutex<Vec<(PathBuf, Recorded)>>,
    next: Mutex<HashMap<PathBuf, Entry>>,
    hits: AtomicUsize,
}

impl Cache {
    /// An empty cache for the generator with fingerprint `generator`.
    pub fn empty(generator: u64) -> Self {
        Self {
            generator,
            previous_spec: None,
            previous_spec_files: HashMap::new(),
            previous: HashMap::new(),
            next_spec_files: Mutex::default(),
            next: Mutex::default(),
            hits: AtomicUsize::new(0),
        }
    }

    /// The cache in `file`, if it was written by the generator with fingerprint `generator`
    /// and reads whole; otherwise an empty one.
    pub fn open(file: &Path, generator: u64) -> Self {
        match fs::read(file)
            .ok()
            .and_then(|bytes| parse(&bytes, generator))
        {
            Some(Parsed {
                spec,
                spec_files,
                entries,
            }) => Self {
                previous_spec: Some(spec),
                previous_spec_files: spec_files,
                previous: entries,
                ..Self::empty(generator)
            },
            None => Self::empty(generator),
        }
    }

    /// Whether the last run generated from a spec with fingerprint `spec`, every file of which
    /// the cache lists.
    pub fn same_spec(&self, spec: u64) -> bool {
        self.previous_spec == Some(spec)
    }

    /// Hands `sink` every file of the last run as it is on disk, if each still holds the
    /// contents recorded: when the spec and the generator are the same, that is the whole
    /// output, and nothing needs loading or printing. `false` as soon as one file does not
    /// hold them (the files already kept are produced by any full run too, and a sink takes a
    /// file twice as once).
    pub fn keep_all(&self, sink: &dyn Sink) -> Result<bool, Diagnostic> {
        let kept: Option<Vec<(&PathBuf, u64, Recorded)>> = self
            .previous
            .par_iter()
            .map(|(path, entry)| {
                Ok(sink
                    .keep(path, entry.recorded)?
                    .map(|recorded| (path, entry.key, recorded)))
            })
            .collect::<Result<_, Diagnostic>>()?;
        let Some(kept) = kept else {
            return Ok(false);
        };
        for (path, key, recorded) in kept {
            self.record(path, key, recorded, true);
        }
        Ok(true)
    }

    /// What the last run found of the spec file at `path` in the spec directory, if anything.
    pub fn spec_file(&self, path: &Path) -> Option<Recorded> {
        self.previous_spec_files.get(path).copied()
    }

    /// Records what this run found of the spec files, each by its path in the spec directory
    /// ([`crate::load::fingerprint`] gives them), for the next run's fingerprint.
    pub fn record_spec_files(&self, files: Vec<(PathBuf, Recorded)>) {
        *crate::write::lock(&self.next_spec_files) = files;
    }

    /// What is recorded of `path` printed from `key`, if anything.
    pub fn lookup(&self, path: &Path, key: u64) -> Option<Recorded> {
        self.previous
            .get(path)
            .filter(|entry| entry.key == key)
            .map(|entry| entry.recorded)
    }

    /// Records that `path`, printed from `key`, holds the contents `recorded`; a file taken
    /// from the cache is recorded too (`hit`), so the next run finds it again.
    pub fn record(&self, path: &Path, key: u64, recorded: Recorded, hit: bool) {
        if hit {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        self.next
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path.to_path_buf(), Entry { key, recorded });
    }

    /// How many files were taken from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Writes this run's entries to `file` (through a temporary file renamed over it, so a
    /// reader never sees half a cache). Save only after the output was written or checked:
    /// entries describe the files as printed, which a failed write did not put on disk, but the
    /// disk check at lookup would catch that too.
    /// `output` is the folder the entries describe, recorded for [`output_of`]; `spec` is the
    /// fingerprint of the spec the run generated from, as loaded.
    pub fn save(self, file: &Path, output: &Path, spec: u64) -> io::Result<()> {
        let next = self
            .next
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let spec_files = self
            .next_spec_files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut entries: Vec<(&PathBuf, &Entry)> = next.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut bytes = Vec::with_capacity(56 + (spec_files.len() + entries.len()) * 112);
        bytes.extend_from_slice(MAGIC);
        write_path(&mut bytes, output);
        bytes.extend_from_slice(&self.generator.to_le_bytes());
        bytes.extend_from_slice(&spec.to_le_bytes());
        bytes.extend_from_slice(&(spec_files.len() as u64).to_le_bytes());
        for (path, recorded) in &spec_files {
            write_path(&mut bytes, path);
            write_recorded(&mut bytes, recorded);
        }
        bytes.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        for (path, entry) in entries {
            write_path(&mut bytes, path);
            bytes.extend_from_slice(&entry.key.to_le_bytes());
            write_recorded(&mut bytes, &entry.recorded);
        }
        // A checksum of everything before it: a damaged file reads as no cache at all.
        bytes.extend_from_slice(&contents_hash(&bytes).to_le_bytes());
        if let Some(folder) = file.parent() {
            fs::create_dir_all(folder)?;
        }
        let temporary = file.with_extension(format!("tmp{}", std::process::id()));
        fs::write(&temporary, &bytes)?;
        fs::rename(&temporary, file).inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })
    }
}

/// The output folder the cache `file` was saved for, read from its first bytes alone, or `None`
/// when it is no cache of this layout.
pub fn output_of(file: &Path) -> Option<PathBuf> {
    let mut file = fs::File::open(file).ok()?;
    let mut header = vec![0; MAGIC.len() + 8];
    file.read_exact(&mut header).ok()?;
    let length = Reader(header.strip_prefix(MAGIC.as_slice())?).number()?;
    // A path, unlike a cache file, is never near this long.
    if length > 1 << 16 {
        return None;
    }
    header.resize(header.len() + usize::try_from(length).ok()?, 0);
    file.read_exact(&mut header[MAGIC.len() + 8..]).ok()?;
    Reader(header.strip_prefix(MAGIC.as_slice())?).path()
}

fn write_path(bytes: &mut Vec<u8>, path: &Path) {
    let path = path.to_string_lossy();
    bytes.extend_from_slice(&(path.len() as u64).to_le_bytes());
    bytes.extend_from_slice(path.as_bytes());
}

fn write_recorded(bytes: &mut Vec<u8>, recorded: &Recorded) {
    let stamp = recorded.stamp;
    let numbers = [recorded.contents, u64::from(stamp.is_some())]
        .into_iter()
        .chain(
            stamp
                .into_iter()
                .flat_map(|stamp| [stamp.length, stamp.modified, stamp.inode]),
        );
    for number in numbers {
        bytes.extend_from_slice(&number.to_le_bytes());
    }
}

/// What a cache file holds.
struct Parsed {
    spec: u64,
    spec_files: HashMap<PathBuf, Recorded>,
    entries: HashMap<PathBuf, Entry>,
}

/// The contents of a cache file written by `generator`, or `None` when it is anything else.
fn parse(bytes: &[u8], generator: u64) -> Option<Parsed> {
    let (body, checksum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if contents_hash(body).to_le_bytes() != checksum {
        return None;
    }
    let mut reader = Reader(body.strip_prefix(MAGIC.as_slice())?);
    reader.path()?;
    if reader.number()? != generator {
        return None;
    }
    let spec = reader.number()?;
    let mut spec_files = HashMap::new();
    for _ in 0..reader.number()? {
        let path = reader.path()?;
        spec_files.insert(path, reader.recorded()?);
    }
    let mut entries = HashMap::new();
    for _ in 0..reader.number()? {
        let path = reader.path()?;
        let key = reader.number()?;
        let recorded = reader.recorded()?;
        entries.insert(path, Entry { key, recorded });
    }
    reader.0.is_empty().then_some(Parsed {
        spec,
        spec_files,
        entries,
    })
}

/// The unread rest of a cache file.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(count)?;
        self.0 = rest;
        Some(taken)
    }

    fn number(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn path(&mut self) -> Option<PathBuf> {
        let length = usize::try_from(self.number()?).ok()?;
        let path = std::str::from_utf8(self.take(length)?).ok()?;
        Some(PathBuf::from(path))
    }

    fn recorded(&mut self) -> Option<Recorded> {
        let contents = self.number()?;
        let stamp = match self.number()? {
            0 => None,
            1 => Some(Stamp {
                length: self.number()?,
                modified: self.number()?,
                inode: self.number()?,
            }),
            _ => return None,
        };
        Some(Recorded { contents, stamp })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAMPED: Recorded = Recorded {
        contents: 10,
        stamp: Some(Stamp {
            length: 4,
            modified: 5,
            inode: 6,
        }),
    };
    const UNSTAMPED: Recorded = Recorded {
        contents: 20,
        stamp: None,
    };

    fn saved(generator: u64) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("cache/out.bin");
        let cache = Cache::empty(generator);
        cache.record(Path::new("src/a.rs"), 1, STAMPED, false);
        cache.record(Path::new("src/b.rs"), 2, UNSTAMPED, false);
        cache.record_spec_files(vec![
            (PathBuf::from("a/a.yaml"), UNSTAMPED),
            (PathBuf::from("api.yaml"), STAMPED),
        ]);
        cache.save(&file, Path::new("/out"), 3).expect("saves");
        (dir, file)
    }

    #[test]
    fn a_saved_cache_reads_back_for_the_same_generator_only() {
        let (_dir, file) = saved(7);
        let cache = Cache::open(&file, 7);
        assert!(cache.same_spec(3) && !cache.same_spec(4));
        assert_eq!(cache.lookup(Path::new("src/a.rs"), 1), Some(STAMPED));
        assert_eq!(cache.lookup(Path::new("src/b.rs"), 2), Some(UNSTAMPED));
        assert_eq!(cache.lookup(Path::new("src/b.rs"), 3), None, "another key");
        assert_eq!(cache.lookup(Path::new("src/c.rs"), 1), None);
        assert_eq!(cache.spec_file(Path::new("a/a.yaml")), Some(UNSTAMPED));
        assert_eq!(cache.spec_file(Path::new("api.yaml")), Some(STAMPED));
        assert_eq!(cache.spec_file(Path::new("src/a.rs")), None);
        assert_eq!(output_of(&file), Some(PathBuf::from("/out")));
        let other = Cache::open(&file, 8);
        assert_eq!(other.lookup(Path::new("src/a.rs"), 1), None);
        assert_eq!(other.spec_file(Path::new("api.yaml")), None);
        assert!(!other.same_spec(3));
    }

    #[test]
    fn a_damaged_cache_is_an_empty_one() {
        let (_dir, file) = saved(7);
        let bytes = fs::read(&file).expect("read");
        for damaged in [
            bytes[..bytes.len() - 1].to_vec(),
            bytes[..30].to_vec(),
            Vec::new(),
            {
                let mut flipped = bytes.clone();
                flipped[40] ^= 1;
                flipped
            },
        ] {
            fs::write(&file, &damaged).expect("write");
            let cache = Cache::open(&file, 7);
            assert_eq!(cache.lookup(Path::new("src/a.rs"), 1), None);
            assert!(!cache.same_spec(3));
        }
        // A length no path has is not read into memory.
        let huge = [MAGIC.as_slice(), &u64::MAX.to_le_bytes(), b"/out"].concat();
        fs::write(&file, huge).expect("write");
        assert_eq!(output_of(&file), None);
    }
}
