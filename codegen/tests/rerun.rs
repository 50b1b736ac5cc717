//! The rerun cache: a rerun prints only the files whose IR changed, and the cache can only save
//! work, never change what is written or checked.

mod output_tree;

use output_tree::{folders, tree};

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use msgraph_codegen::cache::Cache;
use msgraph_codegen::diagnostic::Diagnostics;
use msgraph_codegen::emit;
use msgraph_codegen::ir::{Crate, ItemKind, LoweredFile, OperationFile, ResourceTests};
use msgraph_codegen::load::{Spec, parse_sources};
use msgraph_codegen::write::{Checker, Writer};
use msgraph_codegen::{lower, synth, validate};

/// The fingerprint the tests' cache is written for.
const GENERATOR: u64 = 1;

/// A lowered crate and the files lowering handed on, to print as often as a test needs.
struct Lowered {
    krate: Crate,
    files: Vec<LoweredFile>,
}

impl Lowered {
    fn new(spec: &Spec) -> Self {
        let symbols = validate::validate(spec).unwrap_or_else(|errors| panic!("{errors}"));
        let mut files = Vec::new();
        let krate = lower::lower(spec, &symbols, |file| files.push(file));
        Self { krate, files }
    }

    fn emit(&self, sink: &dyn emit::Sink, cache: Option<&Cache>) -> Result<(), Diagnostics> {
        emit::emit_into(sink, cache, |each| {
            self.files.iter().cloned().for_each(each);
            self.krate.clone()
        })
    }

    /// The Rust files, the ones the cache can keep.
    fn printed(&self) -> usize {
        emit::units(&self.krate).len() + self.files.len()
    }
}

fn krate() -> Lowered {
    let spec = parse_sources(Path::new("spec"), synth::synthesize(3, 1))
        .unwrap_or_else(|errors| panic!("{errors}"));
    Lowered::new(&spec)
}

/// Writes `krate` into `out` through the cache in `cache_file`, and saves the cache; returns
/// the files written and how many the cache kept.
fn generate(krate: &Lowered, out: &Path, cache_file: &Path) -> (Vec<PathBuf>, usize) {
    let cache = Cache::open(cache_file, GENERATOR);
    let writer = Writer::new(out);
    krate
        .emit(&writer, Some(&cache))
        .unwrap_or_else(|errors| panic!("{errors}"));
    let report = writer.finish().unwrap_or_else(|errors| panic!("{errors}"));
    let hits = cache.hits();
    cache.save(cache_file, out, 0).expect("saves the cache");
    (report.written, hits)
}

/// Generates `krate` again through the cache, checking that exactly `expected` is written, with
/// the docs a test changed; returns how many files the cache kept.
fn rewrites_only(krate: &Lowered, out: &Path, cache_file: &Path, expected: &Path) -> usize {
    let (written, hits) = generate(krate, out, cache_file);
    assert_eq!(written, [expected]);
    assert!(
        fs::read_to_string(out.join(expected))
            .expect("read")
            .contains("Changed.")
    );
    hits
}

#[test]
fn a_rerun_prints_nothing_and_a_changed_item_rewrites_exactly_its_file() {
    let work = tempfile::tempdir().expect("tempdir");
    let (out, cache_file) = (work.path().join("out"), work.path().join("cache.bin"));
    let mut krate = krate();
    let (written, hits) = generate(&krate, &out, &cache_file);
    assert_eq!((written.is_empty(), hits), (false, 0));

    let (written, hits) = generate(&krate, &out, &cache_file);
    assert_eq!(written, Vec::<PathBuf>::new());
    assert_eq!(
        hits,
        krate.printed(),
        "every Rust file is kept from the cache"
    );

    let resource = &mut krate.krate.resources[0];
    let item = resource
        .items
        .iter_mut()
        .find(|item| matches!(item.kind, ItemKind::Model(_)))
        .expect("a model");
    let ItemKind::Model(model) = &mut item.kind else {
        unreachable!()
    };
    model.docs.push_str("\n\nChanged.");
    let expected = Path::new("models/src")
        .join(&resource.module)
        .join(format!("{}.rs", item.module));
    let hits = rewrites_only(&krate, &out, &cache_file, &expected);
    // The resource's module in each crate reads the item too, so they are printed again (and
    // found unchanged); the crate roots and the examples module read no item, and are kept.
    assert_eq!(hits, krate.printed() - 3);

    // The models crate's root alone prints the API version.
    krate.krate.api_version = "Changed.".into();
    let hits = rewrites_only(&krate, &out, &cache_file, Path::new("models/src/lib.rs"));
    assert_eq!(hits, krate.printed() - 1);

    let fresh = work.path().join("fresh");
    msgraph_codegen::write::write(&fresh, &emit_all(&krate)).expect("writes");
    assert_eq!(tree(&out), tree(&fresh), "the same as without a cache");
    assert_eq!(folders(&out), folders(&fresh));
}

#[test]
fn a_changed_operation_rewrites_exactly_its_file_printed_while_lowering() {
    let work = tempfile::tempdir().expect("tempdir");
    let (out, cache_file) = (work.path().join("out"), work.path().join("cache.bin"));
    let mut krate = krate();
    generate(&krate, &out, &cache_file);

    let file = krate.operation();
    file.operation.docs.push_str("\n\nChanged.");
    let expected = Path::new("workloads")
        .join(&file.feature)
        .join("src")
        .join(&file.resource)
        .join(format!("{}.rs", file.module));
    let hits = rewrites_only(&krate, &out, &cache_file, &expected);
    // Nothing else reads an operation's docs: its summary, which the rest reads, is the same.
    assert_eq!(hits, krate.printed() - 1);
}

#[test]
fn a_changed_example_or_test_gate_prints_its_resource_s_examples_again() {
    let work = tempfile::tempdir().expect("tempdir");
    let (out, cache_file) = (work.path().join("out"), work.path().join("cache.bin"));
    let mut krate = krate();
    generate(&krate, &out, &cache_file);
    let tests = krate.tests();
    let resource_examples = Path::new("src")
        .join(&tests.examples_module)
        .join(format!("{}.rs", tests.resource));
    tests.tests[0].examples[0].json = "{}".to_owned();
    let (written, _) = generate(&krate, &out, &cache_file);
    assert_eq!(written, std::slice::from_ref(&resource_examples));

    krate.tests().feature = "other".to_owned();
    let (written, _) = generate(&krate, &out, &cache_file);
    assert_eq!(written, std::slice::from_ref(&resource_examples));
    assert!(
        fs::read_to_string(out.join(&resource_examples))
            .expect("read")
            .contains(r#"#[cfg(feature = "other")]"#)
    );
    let fresh = work.path().join("fresh");
    msgraph_codegen::write::write(&fresh, &emit_all(&krate)).expect("writes");
    assert_eq!(tree(&out), tree(&fresh), "the same as without a cache");
    assert_eq!(folders(&out), folders(&fresh));
}

impl Lowered {
    /// The first operation's file.
    fn operation(&mut self) -> &mut OperationFile {
        self.files
            .iter_mut()
            .find_map(|file| match file {
                LoweredFile::Operation(file) => Some(&mut **file),
                LoweredFile::Tests(_) => None,
            })
            .expect("an operation")
    }

    /// The first resource's file of the examples module.
    fn tests(&mut self) -> &mut ResourceTests {
        self.files
            .iter_mut()
            .find_map(|file| match file {
                LoweredFile::Tests(tests) => Some(tests),
                LoweredFile::Operation(_) => None,
            })
            .expect("a resource with examples")
    }
}

fn emit_all(krate: &Lowered) -> Vec<emit::GeneratedFile> {
    let collect = emit::Collect::default();
    krate
        .emit(&collect, None)
        .unwrap_or_else(|errors| panic!("{errors}"));
    collect.into_files()
}

#[test]
fn a_corrupt_or_foreign_cache_gives_the_same_output() {
    let work = tempfile::tempdir().expect("tempdir");
    let (out, cache_file) = (work.path().join("out"), work.path().join("cache.bin"));
    let krate = krate();
    generate(&krate, &out, &cache_file);
    let expected = tree(&out);

    let mut damaged = fs::read(&cache_file).expect("read");
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0xff;
    for cache in [damaged, b"not a cache".to_vec()] {
        fs::write(&cache_file, cache).expect("write");
        fs::remove_dir_all(&out).expect("remove");
        let (_, hits) = generate(&krate, &out, &cache_file);
        assert_eq!(hits, 0, "nothing is read from a damaged cache");
        assert_eq!(tree(&out), expected);
    }

    // A cache written by another generator is not used either.
    let other = Cache::empty(GENERATOR + 1);
    let writer = Writer::new(&work.path().join("other"));
    krate.emit(&writer, Some(&other)).expect("emits");
    writer.finish().expect("writes");
    other
        .save(&cache_file, &work.path().join("other"), 0)
        .expect("saves");
    let (_, hits) = generate(&krate, &out, &cache_file);
    assert_eq!(hits, 0);
}

#[test]
fn a_hand_edited_or_deleted_file_is_printed_again() {
    let work = tempfile::tempdir().expect("tempdir");
    let (out, cache_file) = (work.path().join("out"), work.path().join("cache.bin"));
    let krate = krate();
    generate(&krate, &out, &cache_file);
    let edited = Path::new("src/lib.rs");
    let original = fs::read_to_string(out.join(edited)).expect("read");
    fs::write(out.join(edited), format!("{original}// mine\n")).expect("edit");
    let deleted = emit::units(&krate.krate)
        .into_iter()
        .map(|unit| unit.path())
        .find(|path| path.ends_with("mod.rs"))
        .expect("a resource's module");
    fs::remove_file(out.join(&deleted)).expect("delete");

    let cache = Cache::open(&cache_file, GENERATOR);
    let checker = Checker::new(&out);
    krate.emit(&checker, Some(&cache)).expect("emits");
    let drift = checker.finish().expect("checks");
    let stale: Vec<&Path> = drift.stale.iter().map(|(path, _)| path.as_path()).collect();
    assert_eq!(stale, [edited]);
    assert!(
        drift.stale[0].1.contains("-// mine"),
        "{}",
        drift.stale[0].1
    );
    assert_eq!(drift.missing, std::slice::from_ref(&deleted));
    assert_eq!(cache.hits(), krate.printed() - 2);

    let (written, _) = generate(&krate, &out, &cache_file);
    let mut expected = vec![edited.to_path_buf(), deleted];
    expected.sort();
    assert_eq!(written, expected);
    assert_eq!(
        fs::read_to_string(out.join(edited)).expect("read"),
        original
    );
}

#[test]
fn an_unchanged_spec_keeps_every_file_as_long_as_each_is_as_recorded() {
    let work = tempfile::tempdir().expect("tempdir");
    let (spec, out, cache_file) = (
        work.path().join("spec"),
        work.path().join("out"),
        work.path().join("cache.bin"),
    );
    synth::write(&spec, &synth::synthesize(3, 1)).expect("writes the spec");
    let fingerprint = msgraph_codegen::load::load_deferred(&spec)
        .unwrap_or_else(|errors| panic!("{errors}"))
        .fingerprint;
    let loaded = msgraph_codegen::load::load(&spec).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(
        msgraph_codegen::load::fingerprint(&spec, |_| None)
            .expect("reads")
            .0,
        fingerprint,
        "the fingerprint without parsing is the one loading gives"
    );
    let krate = Lowered::new(&loaded);
    let cache = Cache::open(&cache_file, GENERATOR);
    let writer = Writer::new(&out);
    krate.emit(&writer, Some(&cache)).expect("emits");
    let files = writer.finish().expect("writes").written.len();
    cache.save(&cache_file, &out, fingerprint).expect("saves");

    let cache = Cache::open(&cache_file, GENERATOR);
    assert!(cache.same_spec(fingerprint));
    let writer = Writer::new(&out);
    assert!(cache.keep_all(&writer).expect("reads"));
    let report = writer.finish().expect("writes");
    assert_eq!((report.written.len(), report.unchanged), (0, files));
    assert_eq!(
        cache.hits(),
        files,
        "every file, Cargo.toml and the runtime included"
    );

    fs::write(out.join("Cargo.toml"), "# mine\n").expect("edit");
    let cache = Cache::open(&cache_file, GENERATOR);
    assert!(!cache.keep_all(&Writer::new(&out)).expect("reads"));

    fs::write(
        spec.join("api.yaml"),
        fs::read_to_string(spec.join("api.yaml")).expect("read") + "\n",
    )
    .expect("edit");
    assert_ne!(
        msgraph_codegen::load::fingerprint(&spec, |_| None)
            .expect("reads")
            .0,
        fingerprint
    );
}

/// Sets the modification time of `file`, keeping its contents and inode.
fn set_modified(file: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(file)
        .and_then(|opened| opened.set_modified(time))
        .expect("sets the modification time");
}

/// The files a check finds stale when `krate` is checked against `out` through
/// the cache in `cache_file`, which is left as it was.
fn stale(krate: &Lowered, out: &Path, cache_file: &Path) -> Vec<PathBuf> {
    let cache = Cache::open(cache_file, GENERATOR);
    let checker = Checker::new(out);
    krate.emit(&checker, Some(&cache)).expect("emits");
    let drift = checker.finish().expect("checks");
    drift.stale.into_iter().map(|(path, _)| path).collect()
}

#[test]
fn a_file_s_stamp_vouches_for_it_only_once_settled_and_while_unchanged() {
    let work = tempfile::tempdir().expect("tempdir");
    let (out, cache_file) = (work.path().join("out"), work.path().join("cache.bin"));
    let krate = krate();
    let path = Path::new("src/lib.rs");
    let file = out.join(path);
    generate(&krate, &out, &cache_file);
    let original = fs::read(&file).expect("read");
    // The same length, other contents: only reading the file tells them apart.
    let mut forged = original.clone();
    *forged.last_mut().expect("not empty") = b' ';
    let forge = |time: SystemTime| {
        fs::write(&file, &forged).expect("write");
        set_modified(&file, time);
    };

    // Rerun at once: each file was just written, so no stamp is recorded. A change within the
    // same timestamp tick, which leaves the modification time as it was, is still seen.
    assert_eq!(generate(&krate, &out, &cache_file).0, Vec::<PathBuf>::new());
    let written = fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("time");
    forge(written);
    assert_eq!(stale(&krate, &out, &cache_file), [path]);

    // Settled files are stamped by the next run that finds them as recorded; then the stamp
    // alone vouches for each, without reading it (so a forged file with its old stamp passes).
    fs::write(&file, &original).expect("write");
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for relative in tree(&out).keys() {
        set_modified(&out.join(relative), an_hour_ago);
    }
    assert_eq!(generate(&krate, &out, &cache_file).0, Vec::<PathBuf>::new());
    forge(an_hour_ago);
    assert_eq!(stale(&krate, &out, &cache_file), Vec::<PathBuf>::new());

    // Another modification time, or another inode, and the file is read.
    forge(an_hour_ago - Duration::from_secs(1));
    assert_eq!(stale(&krate, &out, &cache_file), [path]);
    #[cfg(unix)]
    {
        let replacement = out.join("replacement");
        fs::write(&replacement, &forged).expect("write");
        set_modified(&replacement, an_hour_ago);
        fs::rename(&replacement, &file).expect("replace");
        assert_eq!(stale(&krate, &out, &cache_file), [path]);
    }
}

#[test]
fn a_spec_file_s_settled_stamp_vouches_for_it_in_the_fingerprint() {
    use msgraph_codegen::cache::Recorded;
    use msgraph_codegen::load::fingerprint;
    use std::collections::HashMap;

    let work = tempfile::tempdir().expect("tempdir");
    let spec = work.path().join("spec");
    synth::write(&spec, &synth::synthesize(3, 1)).expect("writes the spec");
    let (original, found) = fingerprint(&spec, |_| None).expect("reads");
    assert!(
        found.iter().all(|(_, found)| found.stamp.is_none()),
        "files written just now are not settled"
    );
    let settled = SystemTime::now() - Duration::from_secs(10);
    for (file, _) in &found {
        set_modified(&spec.join(file), settled);
    }
    let (again, found) = fingerprint(&spec, |_| None).expect("reads");
    assert_eq!(again, original);
    assert!(found.iter().all(|(_, found)| found.stamp.is_some()));
    let known: HashMap<PathBuf, Recorded> = found.into_iter().collect();
    let known = |file: &Path| known.get(file).copied();

    // The same length, other contents: only reading the file tells them apart.
    let file = spec.join("api.yaml");
    let mut forged = fs::read(&file).expect("read");
    *forged.last_mut().expect("not empty") = b' ';
    fs::write(&file, &forged).expect("write");
    let changed = fingerprint(&spec, |_| None).expect("reads").0;
    assert_ne!(changed, original, "read, the file differs");

    // Settled with its recorded stamp, it is not read: its recorded hash stands.
    set_modified(&file, settled);
    assert_eq!(fingerprint(&spec, known).expect("reads").0, original);
    // Another modification time, or one too recent to vouch for it: read.
    set_modified(&file, settled - Duration::from_secs(1));
    assert_eq!(fingerprint(&spec, known).expect("reads").0, changed);
    set_modified(&file, SystemTime::now());
    let unsettled = |_: &Path| {
        Some(Recorded {
            stamp: None,
            ..known(Path::new("api.yaml")).expect("recorded")
        })
    };
    assert_eq!(fingerprint(&spec, unsettled).expect("reads").0, changed);
}
