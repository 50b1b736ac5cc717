//! Writing is all or nothing: the output directory is never left half-written.

mod output_tree;

use output_tree::{folders, tree};

use std::fs;
use std::path::{Path, PathBuf};

use msgraph_codegen::emit::{GENERATED_MARK, GeneratedFile};
use msgraph_codegen::write::write;

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

#[test]
fn a_writer_told_a_generation_starts_stages_the_same_tree_and_leaves_nothing_behind() {
    use msgraph_codegen::emit::Sink;
    use msgraph_codegen::write::Writer;

    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("generated");
    let files = [
        generated("Cargo.toml", "a"),
        generated("src/deep/er/b.rs", "b"),
        generated("models/src/c.rs", "c"),
    ];
    // Told before anything exists: the tree is made whole, as without being told.
    let writer = Writer::new(&out);
    writer.starting();
    files
        .iter()
        .for_each(|file| writer.accept(file).expect("staged"));
    assert_eq!(writer.finish().expect("writes").written.len(), 3);
    fs::create_dir_all(out.join("empty/inner")).expect("mkdir");
    fs::create_dir_all(out.join("target/debug")).expect("mkdir");
    fs::write(out.join("target/debug/artifact"), "build output").expect("write");
    let (before, before_folders) = (tree(&out), folders(&out));
    let rerun = |files: &[GeneratedFile], finish: bool| {
        let writer = Writer::new(&out);
        writer.starting();
        for file in files {
            writer.accept(file).expect("staged");
        }
        finish.then(|| writer.finish().expect("writes"))
    };

    // Nothing changed: the output is untouched, and the staging tree removed.
    let report = rerun(&files, true).expect("finished");
    assert_eq!((report.written.len(), report.unchanged), (0, 3));
    assert_eq!(
        (tree(&out), folders(&out)),
        (before.clone(), before_folders.clone())
    );
    assert_eq!(siblings(&out), ["generated"]);

    // Dropped unfinished, as when generating fails: the same.
    let changed = [
        generated("Cargo.toml", "a"),
        generated("src/deep/er/b.rs", "b2"),
        generated("models/src/c.rs", "c"),
    ];
    assert!(rerun(&changed, false).is_none());
    assert_eq!(
        (tree(&out), folders(&out)),
        (before.clone(), before_folders.clone())
    );
    assert_eq!(siblings(&out), ["generated"]);

    // One file changed: every folder is kept, empty ones too, beside the new file.
    let report = rerun(&changed, true).expect("finished");
    assert_eq!(report.written, [PathBuf::from("src/deep/er/b.rs")]);
    let mut expected = before;
    expected.insert(
        PathBuf::from("src/deep/er/b.rs"),
        changed[1].contents.clone().into_bytes(),
    );
    assert_eq!((tree(&out), folders(&out)), (expected, before_folders));
    assert_eq!(siblings(&out), ["generated"]);
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
