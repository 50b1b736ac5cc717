//! Reads every YAML file below the spec directory, in a stable order.

use std::borrow::Borrow;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cache::{self, Recorded, Stamp};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use rayon::prelude::*;
use serde_saphyr::Spanned;

use crate::spec::{Api, Endpoint, Entity, Enumeration, SpecFile};

/// Larger spec files are refused: no documentation page comes near it, and it bounds the time
/// and memory a malformed file can cost.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A parsed spec item and the file it came from.
#[derive(Debug)]
pub struct Sourced<T> {
    /// The file, as the spec directory path joined with its relative path.
    pub file: PathBuf,
    /// The parsed item.
    pub item: T,
}

/// Everything under `spec/`, parsed, each kind sorted by file path.
#[derive(Debug)]
pub struct Spec {
    /// The one `api` file.
    pub api: Sourced<Api>,
    /// Entity pages.
    pub entities: Vec<Sourced<Entity>>,
    /// Complex-type pages.
    pub complex_types: Vec<Sourced<Entity>>,
    /// Enum pages.
    pub enums: Vec<Sourced<Enumeration>>,
    /// API pages.
    pub endpoints: Vec<Sourced<Endpoint>>,
    /// Referenced types without a page in the spec.
    pub opaque_types: Vec<Sourced<Spanned<String>>>,
}

impl Spec {
    /// Takes the endpoints out, leaving none: for a caller that lowers them by value
    /// ([`crate::generate_into`]), dropping each once lowered.
    pub fn take_endpoints(&mut self) -> Endpoints {
        Endpoints {
            pages: std::mem::take(&mut self.endpoints)
                .into_iter()
                .map(|endpoint| Page::Parsed(Box::new(endpoint)))
                .collect(),
        }
    }
}

/// A spec loaded with its endpoint pages deferred ([`load_deferred`]).
#[derive(Debug)]
pub struct Loaded {
    /// The api file and the type pages; no endpoints.
    pub spec: Spec,
    /// The endpoint pages, parsed by each pass over them.
    pub endpoints: Endpoints,
    /// A hash of every file read ([`fingerprint`]).
    pub fingerprint: u64,
}

/// A spec's endpoint pages in file order, each parsed when a pass over them reaches it. Those
/// loaded from disk are read again at each pass (and refused if they changed since loading),
/// so the spec's largest part is never held whole: at most [`PARSED_AHEAD`] pages at a time,
/// besides the first ones [`Endpoints::hold`] keeps parsed up to a budget.
#[derive(Debug, Default)]
pub struct Endpoints {
    pages: Vec<Page>,
}

/// How much endpoint page text `cargo xtask codegen` holds parsed ([`Endpoints::hold`]): all
/// of a workload the size of Intune's, so a rerun parses each page once, and a small part of a
/// spec many times larger, whose peak memory is the whole IR at the end of lowering.
pub const HELD_TEXT: usize = 16 << 20;

/// How many endpoint pages a pass parses at once, on every core, before handing them on in
/// order.
pub const PARSED_AHEAD: usize = 256;

#[derive(Debug)]
enum Page {
    /// Parsed already: it came from memory, its file did not open with `endpoint:`, or it is
    /// held ([`Endpoints::hold`]).
    Parsed(Box<Sourced<Endpoint>>),
    /// Read from disk, with the hash and the length of its contents when loaded.
    OnDisk {
        file: PathBuf,
        hash: u64,
        length: usize,
    },
}

/// An endpoint a pass over [`Endpoints`] parsed, or held already.
#[derive(Debug)]
pub enum ParsedEndpoint<'a> {
    /// Held parsed by the [`Endpoints`].
    Held(&'a Sourced<Endpoint>),
    /// Parsed for this pass.
    Read(Box<Sourced<Endpoint>>),
}

impl Borrow<Sourced<Endpoint>> for ParsedEndpoint<'_> {
    fn borrow(&self) -> &Sourced<Endpoint> {
        match self {
            Self::Held(endpoint) => endpoint,
            Self::Read(endpoint) => endpoint,
        }
    }
}

impl Endpoints {
    /// Parses the first pages, in file order, up to `text` bytes of them, and holds them
    /// parsed: the passes take them as they are instead of reading and parsing them again.
    /// Lowering takes the held pages first and drops each once lowered, so they cost memory
    /// while the spec is validated, not at the end of lowering, where the IR is whole. A page
    /// that does not parse is left to the first pass, which reports it.
    pub fn hold(&mut self, text: usize) {
        let mut left = text;
        let within = self
            .pages
            .iter()
            .take_while(|page| match page {
                Page::Parsed(_) => true,
                Page::OnDisk { length, .. } => {
                    left.checked_sub(*length).map(|rest| left = rest).is_some()
                }
            })
            .count();
        self.pages[..within].par_iter_mut().for_each(|page| {
            if let Page::OnDisk { file, hash, .. } = page
                && let Ok(parsed) = reread(file, *hash)
            {
                *page = Page::Parsed(parsed);
            }
        });
    }

    /// Every endpoint in file order, each parsed (or the reason it could not be) as the
    /// iterator reaches it.
    pub fn parsed(&self) -> impl Iterator<Item = Result<ParsedEndpoint<'_>, Diagnostic>> {
        in_chunks(self.pages.iter(), |page| match page {
            Page::Parsed(endpoint) => Ok(ParsedEndpoint::Held(endpoint)),
            Page::OnDisk { file, hash, .. } => reread(file, *hash).map(ParsedEndpoint::Read),
        })
    }

    /// [`Endpoints::parsed`], consuming the pages: each endpoint is the caller's to drop.
    pub fn into_parsed(self) -> impl Iterator<Item = Result<Box<Sourced<Endpoint>>, Diagnostic>> {
        in_chunks(self.pages.into_iter(), Page::into_parsed)
    }

    /// [`Endpoints::into_parsed`], the pages not held parsed on a thread of `scope` of its
    /// own, at most [`PARSED_AHEAD`] pages ahead of the caller, without the thread pool: for a
    /// caller that keeps the pool busy meanwhile (printing each operation's file as it is
    /// lowered). The held pages come first ([`Endpoints::hold`]) and go straight to the
    /// caller: passing each through the thread would cost a wake-up per page.
    pub fn parsed_ahead<'scope>(
        self,
        scope: &'scope std::thread::Scope<'scope, '_>,
    ) -> impl Iterator<Item = Result<Box<Sourced<Endpoint>>, Diagnostic>> + 'scope {
        let mut pages = self.pages;
        let held = pages
            .iter()
            .take_while(|page| matches!(page, Page::Parsed(_)))
            .count();
        let rest = pages.split_off(held);
        let ahead = (!rest.is_empty()).then(|| {
            let (send, receive) = std::sync::mpsc::sync_channel(PARSED_AHEAD);
            scope.spawn(move || {
                for page in rest {
                    // The caller stopped reading.
                    if send.send(page.into_parsed()).is_err() {
                        break;
                    }
                }
            });
            receive
        });
        pages
            .into_iter()
            .map(Page::into_parsed)
            .chain(ahead.into_iter().flatten())
    }
}

impl Page {
    fn into_parsed(self) -> Result<Box<Sourced<Endpoint>>, Diagnostic> {
        match self {
            Page::Parsed(endpoint) => Ok(endpoint),
            Page::OnDisk { file, hash, .. } => reread(&file, hash),
        }
    }
}

/// `pages` mapped through `parse`, [`PARSED_AHEAD`] at a time on every core, in order.
fn in_chunks<P: Send, T: Send>(
    mut pages: impl Iterator<Item = P>,
    parse: impl Fn(P) -> Result<T, Diagnostic> + Sync,
) -> impl Iterator<Item = Result<T, Diagnostic>> {
    let mut ready = Vec::new().into_iter();
    std::iter::from_fn(move || {
        if ready.len() == 0 {
            let chunk: Vec<P> = pages.by_ref().take(PARSED_AHEAD).collect();
            ready = chunk
                .into_par_iter()
                .map(&parse)
                .collect::<Vec<_>>()
                .into_iter();
        }
        ready.next()
    })
}

/// Reads and parses an endpoint page loaded before, refusing it if it changed meanwhile: the
/// spec's fingerprint is of the bytes loaded.
fn reread(file: &Path, hash: u64) -> Result<Box<Sourced<Endpoint>>, Diagnostic> {
    let bytes = read_file(file)?;
    if cache::contents_hash(&bytes) != hash {
        return Err(Diagnostic::new(
            Location::file(file),
            "the file changed while the generator was reading the spec",
        )
        .with_hint("run the generator again once the spec is no longer being written"));
    }
    match parse_source(file, bytes)? {
        SpecFile::Endpoint(item) => Ok(Box::new(Sourced {
            file: file.to_path_buf(),
            item: *item,
        })),
        _ => Err(Diagnostic::new(
            Location::file(file),
            "the file opens with the `endpoint` key but is not an endpoint page",
        )
        .with_hint("a spec file has exactly one top-level key")),
    }
}

/// Whether a spec file's text opens with the `endpoint` key, as every endpoint page the
/// importer writes does: loading defers such a file, and parses any other at once.
fn opens_endpoint(bytes: &[u8]) -> bool {
    bytes
        .split(|&byte| byte == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|line| !line.is_empty() && !line.starts_with(b"#") && *line != b"---")
        .is_some_and(|line| line.starts_with(b"endpoint:"))
}

/// A spec file's path and contents, before parsing.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, as the spec directory path joined with its relative path.
    pub file: PathBuf,
    /// Its raw bytes.
    pub bytes: Vec<u8>,
}

/// Loads and parses every `*.yaml` file below `dir`. All files are read even when some fail,
/// so one run reports every error.
pub fn load(dir: &Path) -> Result<Spec, Diagnostics> {
    let Loaded {
        spec, endpoints, ..
    } = load_deferred(dir)?;
    with_endpoints(spec, endpoints)
}

/// `spec` holding every endpoint of `endpoints`, parsed.
fn with_endpoints(mut spec: Spec, endpoints: Endpoints) -> Result<Spec, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    for endpoint in endpoints.into_parsed() {
        match endpoint {
            Ok(endpoint) => spec.endpoints.push(*endpoint),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    diagnostics.into_result(spec)
}

/// [`load`], deferring the endpoint pages to the passes over them ([`Endpoints`]), with a hash
/// of the files read ([`fingerprint`]): of the very bytes loaded, and a deferred file that
/// changes before a pass reads it again is refused, so one version's hash is never paired
/// with another's output. An endpoint page that does not parse is reported by the first pass.
pub fn load_deferred(dir: &Path) -> Result<Loaded, Diagnostics> {
    let files = yaml_files(dir)?;
    if files.is_empty() {
        return Err(Diagnostic::new(
            Location::file(dir),
            "the spec directory holds no `.yaml` files",
        )
        .with_hint("run with `--spec DIR` pointing at the folder that holds `api.yaml`")
        .into());
    }
    // Each file is parsed (an endpoint page only hashed) as soon as it is read, so its text is
    // freed at once: the spec's text is never held whole beside what it parses into.
    let read: Vec<_> = files
        .into_par_iter()
        .map(|file| {
            let read = read_file(&file).and_then(|bytes| {
                let hash = cache::contents_hash(&bytes);
                let read = if opens_endpoint(&bytes) {
                    Read::Deferred {
                        hash,
                        length: bytes.len(),
                    }
                } else {
                    Read::Parsed(parse_source(&file, bytes)?)
                };
                Ok((read, hash))
            });
            (file, read)
        })
        .collect();
    let fingerprint = combine(
        dir,
        read.iter()
            .map(|(file, read)| (file, read.as_ref().map_or(0, |(_, hash)| *hash))),
    );
    let read = read
        .into_iter()
        .map(|(file, read)| (file, read.map(|(read, _)| read)))
        .collect();
    let (spec, endpoints) = assemble(dir, read)?;
    Ok(Loaded {
        spec,
        endpoints,
        fingerprint,
    })
}

/// A spec file as loading leaves it.
enum Read {
    Parsed(SpecFile),
    /// An endpoint page, by the hash and the length of its contents.
    Deferred {
        hash: u64,
        length: usize,
    },
}

/// A hash of every spec file below `dir`, its path and its contents, read but not parsed: the
/// same as [`load_deferred`] gives for the same files. `known` is what the last run found of a
/// file, by its path in `dir` (see [`cache::Cache::spec_file`]): a file whose settled
/// [`Stamp`] is the one recorded is not read, its recorded hash standing for its
/// contents. Also returns what this run found of each file, for the next.
pub fn fingerprint(
    dir: &Path,
    known: impl Fn(&Path) -> Option<Recorded> + Sync,
) -> Result<(u64, Vec<(PathBuf, Recorded)>), Diagnostic> {
    let found = yaml_files(dir)?
        .into_par_iter()
        .map(|file| {
            let relative = file.strip_prefix(dir).unwrap_or(&file).to_path_buf();
            let metadata = fs::metadata(&file).map_err(|error| {
                Diagnostic::new(Location::file(&file), format!("cannot read: {error}"))
            })?;
            // Taken before reading: a change after this point changes the stamp the next run
            // sees.
            let stamp = Stamp::settled(&metadata);
            let contents = match known(&relative) {
                Some(recorded) if recorded.vouched_by(stamp) => recorded.contents,
                _ => cache::contents_hash(&read_file(&file)?),
            };
            Ok((relative, Recorded { contents, stamp }))
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let fingerprint = combine(
        dir,
        found.iter().map(|(file, found)| (file, found.contents)),
    );
    Ok((fingerprint, found))
}

/// One hash of the files' paths below `dir` and their contents' hashes, in file order.
fn combine<'a>(dir: &Path, files: impl Iterator<Item = (&'a PathBuf, u64)>) -> u64 {
    let files: Vec<(&Path, u64)> = files
        .map(|(file, hash)| (file.strip_prefix(dir).unwrap_or(file), hash))
        .collect();
    cache::hash(&files)
}

/// Parses spec files already in memory; `root` is the spec directory they are below. They are
/// taken in path order, whatever order they come in, as [`load`] takes files.
pub fn parse_sources(root: &Path, mut sources: Vec<Source>) -> Result<Spec, Diagnostics> {
    sources.sort_by(|a, b| a.file.cmp(&b.file));
    let parsed = parse_in_parallel(sources)
        .into_iter()
        .map(|(file, parsed)| (file, parsed.map(Read::Parsed)))
        .collect();
    let (spec, endpoints) = assemble(root, parsed)?;
    with_endpoints(spec, endpoints)
}

/// The spec from every file as loading left it, in file order, its endpoints apart; reports
/// every file that did not parse, deferred ones included.
fn assemble(
    root: &Path,
    read: Vec<(PathBuf, Result<Read, Diagnostic>)>,
) -> Result<(Spec, Endpoints), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut apis = Vec::new();
    let mut entities = Vec::new();
    let mut complex_types = Vec::new();
    let mut enums = Vec::new();
    let mut pages = Vec::new();
    let mut opaque_types = Vec::new();
    for (file, read) in read {
        match read {
            Ok(Read::Parsed(SpecFile::Api(item))) => apis.push(Sourced { file, item: *item }),
            Ok(Read::Parsed(SpecFile::Entity(item))) => {
                entities.push(Sourced { file, item: *item });
            }
            Ok(Read::Parsed(SpecFile::ComplexType(item))) => {
                complex_types.push(Sourced { file, item: *item });
            }
            Ok(Read::Parsed(SpecFile::Enum(item))) => enums.push(Sourced { file, item: *item }),
            Ok(Read::Parsed(SpecFile::Endpoint(item))) => {
                pages.push(Page::Parsed(Box::new(Sourced { file, item: *item })));
            }
            Ok(Read::Deferred { hash, length }) => pages.push(Page::OnDisk { file, hash, length }),
            Ok(Read::Parsed(SpecFile::OpaqueTypes(names))) => {
                opaque_types.extend(names.into_iter().map(|item| Sourced {
                    file: file.clone(),
                    item,
                }));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let endpoints = Endpoints { pages };
    if !diagnostics.is_empty() {
        diagnostics.extend(endpoints.parsed().filter_map(Result::err));
    }

    let mut apis = apis.into_iter();
    let Some(api) = apis.next() else {
        diagnostics.push(
            Diagnostic::new(Location::file(root), "no file with a top-level `api` key")
                .with_hint("add `api.yaml` with the namespace, version and crate settings"),
        );
        return Err(diagnostics);
    };
    for extra in apis {
        diagnostics.push(
            Diagnostic::new(Location::file(&extra.file), "a second `api` file")
                .with_related(Location::file(&api.file), "the first `api` file")
                .with_hint("keep one `api` file per spec directory"),
        );
    }
    let spec = Spec {
        api,
        entities,
        complex_types,
        enums,
        endpoints: Vec::new(),
        opaque_types,
    };
    diagnostics.into_result((spec, endpoints))
}

/// Parses every source on every core, keeping their order: files are independent, and YAML
/// parsing is most of loading.
fn parse_in_parallel(sources: Vec<Source>) -> Vec<(PathBuf, Result<SpecFile, Diagnostic>)> {
    sources
        .into_par_iter()
        .map(|Source { file, bytes }| {
            let parsed = parse_source(&file, bytes);
            (file, parsed)
        })
        .collect()
}

/// Every `*.yaml` file below `dir`, sorted by path so the output never depends on directory
/// order.
pub fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = fs::read_dir(&current).map_err(|error| {
            Diagnostic::new(
                Location::file(&current),
                format!("cannot read the spec directory: {error}"),
            )
        })?;
        for entry in entries {
            let path = entry
                .map_err(|error| {
                    Diagnostic::new(Location::file(&current), format!("cannot list: {error}"))
                })?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn too_large(file: &Path, size: u64) -> Diagnostic {
    Diagnostic::new(
        Location::file(file),
        format!("the file has {size} bytes, more than the {MAX_FILE_BYTES} a spec file may have"),
    )
    .with_hint("split it: one file per documentation page")
}

/// Reads a file, refusing oversized ones before reading them.
fn read_file(file: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot_read = |error: std::io::Error| {
        Diagnostic::new(Location::file(file), format!("cannot read: {error}"))
    };
    let size = fs::metadata(file).map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(file, size));
    }
    fs::read(file).map_err(cannot_read)
}

/// Parses one spec file's bytes; `file` names it in the diagnostics.
pub fn parse_source(file: &Path, bytes: Vec<u8>) -> Result<SpecFile, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let before = &error.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Diagnostic::new(
            Location {
                file: file.to_path_buf(),
                line: line as u64,
                column: column as u64,
            },
            "the file is not valid UTF-8",
        )
        .with_hint("save spec files as UTF-8")
    })?;
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(Location::file(file), "the file is empty").with_hint(
                "a spec file has one top-level key: `api`, `entity`, `complex_type`, `enum`, `endpoint` or `opaque_types`",
            ),
        );
    }
    serde_saphyr::from_str::<SpecFile>(&text).map_err(|error| yaml_diagnostic(file, &error))
}

fn yaml_diagnostic(file: &Path, error: &serde_saphyr::Error) -> Diagnostic {
    let location = error
        .location()
        .filter(|location| location.line() > 0)
        .map_or_else(
            || Location::file(file),
            |location| Location::in_file(file, &location),
        );
    let message = error.without_snippet().to_string();
    let hint = if message.contains("unknown field") || message.contains("unknown variant") {
        "check the key's spelling against spec/README.md"
    } else if message.contains("missing field") {
        "add the missing key; spec/README.md lists what each kind of file needs"
    } else {
        "spec/README.md describes the format"
    };
    Diagnostic::new(location, message).with_hint(hint)
}
