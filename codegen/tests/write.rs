//! Writing is all or nothing: the output directory is never left half-written, whichever way
//! a change is committed.

mod output_tree;

use output_tree::{folders, tree};

use std::fs;
use std::path::{Path, PathBuf};

use msgraph_codegen::emit::{GENERATED_MARK, GeneratedFile};
use msgraph_codegen::write::{IN_PLACE_AT_MOST, write};

fn generated(path: &str, body: &str) -> GeneratedFile {
    GeneratedFile {
        path: PathBuf::from(path),
        contents: format!("// {GENERATED_MARK}\n{body}\n"),
    }
}

fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.parent().expect("parent"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_output_directory_is_created_whole() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    let files = [generated("Cargo.toml", "a"), generated("src/lib.rs", "b")];
    let report = write(&out, &files).expect("writes");
    assert_eq!(report.written.len(), 2);
    assert_eq!(tree(&out).len(), 2);
    assert_eq!(
        siblings(&out),
        ["generated"],
        "no staging directory is left behind"
    );
}

#[test]
fn a_successful_write_keeps_unchanged_and_hand_written_files_untouched() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    write(
        &out,
        &[
            generated("src/a.rs", "a"),
            generated("src/b.rs", "b"),
            generated("src/old.rs", "old"),
        ],
    )
    .expect("writes");
    fs::write(out.join("src/notes.md"), "mine").expect("hand-written");
    fs::create_dir_all(out.join("target/debug")).expect("mkdir");
    fs::write(out.join("target/debug/artifact"), "build output").expect("write");
    let before = fs::metadata(out.join("src/a.rs"))
        .expect("meta")
        .modified()
        .expect("mtime");

    let report = write(
        &out,
        &[generated("src/a.rs", "a"), generated("src/b.rs", "b2")],
    )
    .expect("writes");
    assert_eq!(report.unchanged, 1);
    assert_eq!(report.written, [PathBuf::from("src/b.rs")]);
    assert_eq!(report.removed, [PathBuf::from("src/old.rs")]);

    let files = tree(&out);
    let names: Vec<_> = files
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "src/a.rs",
            "src/b.rs",
            "src/notes.md",
            "target/debug/artifact"
        ]
    );
    assert_eq!(files[Path::new("src/notes.md")], b"mine");
    assert!(String::from_utf8_lossy(&files[Path::new("src/b.rs")]).contains("b2"));
    let after = fs::metadata(out.join("src/a.rs"))
        .expect("meta")
        .modified()
        .expect("mtime");
    assert_eq!(
        before, after,
        "an unchanged file keeps its modification time, so cargo's cache stays valid"
    );
    assert_eq!(siblings(&out), ["generated"]);
}

#[test]
fn a_failed_write_leaves_the_output_exactly_as_it_was() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    write(
        &out,
        &[generated("src/a.rs", "a"), generated("src/b.rs", "b")],
    )
    .expect("writes");
    fs::write(out.join("src/notes.md"), "mine").expect("hand-written");
    let before = tree(&out);

    // `src/x` is both a file and the folder of another: staging fails after other files were
    // staged.
    let files = [
        generated("src/a.rs", "changed"),
        generated("src/x", "x"),
        generated("src/x/y.rs", "y"),
    ];
    let error = write(&out, &files).expect_err("cannot write below a file");
    let message = error.to_string();
    assert!(
        message.contains("src/x") && message.contains("cannot"),
        "{message}"
    );
    assert_eq!(tree(&out), before);
    assert_eq!(
        siblings(&out),
        ["generated"],
        "the staging directory is removed"
    );
}

#[test]
fn nothing_is_touched_when_nothing_changed() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    let files = [generated("src/a.rs", "a")];
    write(&out, &files).expect("writes");
    let inode_dir = fs::metadata(&out).expect("meta").modified().expect("mtime");
    let report = write(&out, &files).expect("writes");
    assert_eq!(
        (report.written.len(), report.unchanged, report.removed.len()),
        (0, 1, 0)
    );
    assert_eq!(
        fs::metadata(&out).expect("meta").modified().expect("mtime"),
        inode_dir
    );
}

#[test]
fn a_writer_dropped_before_finishing_leaves_the_output_as_it_was() {
    use msgraph_codegen::emit::Sink;
    use msgraph_codegen::write::Writer;

    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    write(&out, &[generated("src/a.rs", "a")]).expect("writes");
    let before = tree(&out);

    // As when emitting fails after some files were already staged.
    let writer = Writer::new(&out);
    writer
        .accept(&generated("src/a.rs", "changed"))
        .expect("staged");
    writer.accept(&generated("src/b.rs", "b")).expect("staged");
    assert_eq!(
        siblings(&out),
        [".generated.codegen-new", "generated"],
        "changed files are staged as they arrive"
    );
    drop(writer);
    assert_eq!(tree(&out), before);
    assert_eq!(
        siblings(&out),
        ["generated"],
        "the staging directory is removed"
    );
}

/// The identity of the folder `dir`: an exchange of whole trees gives `out` a new one, a
/// commit in place keeps it.
#[cfg(unix)]
fn folder_identity(dir: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(dir).expect("meta"))
}

/// A first tree of `many` generated files under `src/many`, one under `src/gone`, one kept
/// the same, and what the user added: a hand-written file, an empty folder, build output.
#[cfg(unix)]
fn first_tree(out: &Path, many: usize) -> Vec<GeneratedFile> {
    let mut files: Vec<_> = (0..many)
        .map(|index| generated(&format!("src/many/f{index}.rs"), "old"))
        .collect();
    files.push(generated("src/gone/x.rs", "gone"));
    files.push(generated("src/same.rs", "same"));
    write(out, &files).expect("writes");
    fs::write(out.join("src/notes.md"), "mine").expect("hand-written");
    fs::create_dir_all(out.join("empty/inner")).expect("mkdir");
    fs::create_dir_all(out.join("target/debug")).expect("mkdir");
    fs::write(out.join("target/debug/artifact"), "build output").expect("write");
    files
}

/// Writes the first `changed` files of `src/many` anew and drops `src/gone`, and checks the
/// result is the same whichever way it was committed; returns whether `out` kept its identity.
#[cfg(unix)]
fn change(many: usize, changed: usize) -> bool {
    use msgraph_codegen::emit::Sink;
    use msgraph_codegen::write::Writer;

    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    let first = first_tree(&out, many);
    let (before, before_folders) = (tree(&out), folders(&out));
    let same = fs::metadata(out.join("src/same.rs")).expect("meta");
    let identity = folder_identity(&out);
    let second: Vec<_> = first
        .iter()
        .filter(|file| !file.path.starts_with("src/gone"))
        .enumerate()
        .map(|(index, file)| match index < changed {
            true => generated(&file.path.to_string_lossy(), "new"),
            false => file.clone(),
        })
        .collect();
    let writer = |finish: bool| {
        let writer = Writer::new(&out);
        second
            .iter()
            .for_each(|file| writer.accept(file).expect("staged"));
        finish.then(|| writer.finish().expect("writes"))
    };

    // Dropped unfinished, as when generating fails: nothing changes, nothing is left.
    assert!(writer(false).is_none());
    assert_eq!(
        (tree(&out), folders(&out)),
        (before.clone(), before_folders.clone())
    );
    assert_eq!(siblings(&out), ["generated"]);
    assert_eq!(folder_identity(&out), identity);

    let report = writer(true).expect("finished");
    assert_eq!(report.written.len(), changed);
    assert_eq!(report.removed, [PathBuf::from("src/gone/x.rs")]);
    let mut expected = before;
    expected.remove(Path::new("src/gone/x.rs"));
    for file in &second[..changed] {
        expected.insert(file.path.clone(), file.contents.clone().into_bytes());
    }
    assert_eq!(tree(&out), expected);
    let kept_folders: Vec<_> = before_folders
        .into_iter()
        .filter(|folder| folder != Path::new("src/gone"))
        .collect();
    assert_eq!(
        folders(&out),
        kept_folders,
        "every folder stays, empty ones too, but the one that held only the removed file"
    );
    let now = fs::metadata(out.join("src/same.rs")).expect("meta");
    assert_eq!(
        (
            std::os::unix::fs::MetadataExt::ino(&now),
            now.modified().expect("mtime")
        ),
        (
            std::os::unix::fs::MetadataExt::ino(&same),
            same.modified().expect("mtime")
        ),
        "an unchanged file is the same file, so cargo's cache stays valid"
    );
    assert_eq!(
        siblings(&out),
        ["generated"],
        "nothing is left beside the output"
    );
    folder_identity(&out) == identity
}

#[cfg(unix)]
#[test]
fn a_small_change_is_committed_in_place() {
    assert!(change(3, 1), "the output folder is the same folder");
    assert!(change(IN_PLACE_AT_MOST, IN_PLACE_AT_MOST - 1));
}

#[cfg(unix)]
#[test]
fn a_large_change_swaps_in_a_whole_new_tree() {
    assert!(
        !change(IN_PLACE_AT_MOST + 1, IN_PLACE_AT_MOST + 1),
        "the output folder is the staged one"
    );
    // The removal tips it over.
    assert!(!change(IN_PLACE_AT_MOST, IN_PLACE_AT_MOST));
}

#[test]
fn a_commit_in_place_that_fails_puts_back_every_file_it_replaced() {
    use msgraph_codegen::emit::Sink;
    use msgraph_codegen::write::Writer;

    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    write(
        &out,
        &[generated("src/a.rs", "a"), generated("src/z.rs", "z")],
    )
    .expect("writes");
    let writer = Writer::new(&out);
    for file in [
        generated("src/a.rs", "changed"),
        generated("src/new/b.rs", "b"),
    ] {
        writer.accept(&file).expect("staged");
    }
    // Once staged, a file appears where the new file's folder goes: `src/a.rs` is replaced
    // before the commit reaches `src/new/b.rs` and fails.
    fs::write(out.join("src/new"), "mine").expect("in the way");
    let before = tree(&out);
    let message = writer
        .finish()
        .expect_err("cannot make a folder")
        .to_string();
    assert!(message.contains("src/new"), "{message}");
    assert_eq!(tree(&out), before);
    assert_eq!(
        siblings(&out),
        ["generated"],
        "nothing is left beside the output"
    );
}

#[test]
fn a_folder_whose_generated_files_all_go_goes_with_them() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    let first = [
        generated("src/lib.rs", "a"),
        generated("src/moved/deep/item.rs", "b"),
        generated("src/kept/item.rs", "c"),
    ];
    write(&out, &first).expect("writes");
    fs::create_dir_all(out.join("src/kept/mine")).expect("a hand-made empty folder");
    fs::write(out.join("src/kept/notes.txt"), "mine").expect("a hand-written file");

    let second = [
        generated("src/lib.rs", "a"),
        generated("workloads/moved/src/item.rs", "b"),
    ];
    let report = write(&out, &second).expect("writes");
    assert_eq!(
        report.removed,
        [
            PathBuf::from("src/kept/item.rs"),
            "src/moved/deep/item.rs".into()
        ]
    );
    assert_eq!(
        folders(&out),
        [
            "src",
            "src/kept",
            "src/kept/mine",
            "workloads",
            "workloads/moved",
            "workloads/moved/src"
        ]
        .map(PathBuf::from),
        "`src/moved` held only generated files; `src/kept` holds a hand-written file"
    );
}
