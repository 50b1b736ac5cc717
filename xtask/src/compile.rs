//! `cargo xtask bench --compile`: what users pay most often, `cargo check` of a generated crate
//! with every feature, once its dependencies are built: ours and `cargo-progenitor`'s from the
//! same synthetic API, and the checked-in Intune crate.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use msgraph_codegen::{load, openapi, synth};

/// One crate's check, dependencies already built.
struct Checked {
    wall: Duration,
    peak_mib: f64,
}

/// A crate to check, and what the table calls it.
struct Subject {
    label: String,
    /// Whether it is made from the synthetic API, so compared with progenitor's crate.
    synthetic: bool,
    dir: PathBuf,
}

/// Generates the crates to compare in `scratch`, checks each and prints the table. `intune` is
/// the checked-in spec's folder, when the crate it generates is to be measured too.
pub fn compile_figures(
    progenitor: Option<&Path>,
    scratch: &Path,
    resources: usize,
    seed: u64,
    intune: Option<&Path>,
) -> Result<(), String> {
    let work = scratch.join(format!("compile-{resources}"));
    let mut synthetic = load::parse_sources(Path::new("spec"), synth::synthesize(resources, seed))
        .map_err(|d| d.to_string())?;
    // Generating validates the spec, which the OpenAPI export then relies on.
    let ours = work.join("ours");
    generate(&mut synthetic, &ours)?;
    let document =
        serde_json::to_string(&openapi::openapi(&synthetic)).map_err(|e| e.to_string())?;
    let mut subjects = vec![Subject {
        label: format!("ours, {resources} synthetic resources"),
        synthetic: true,
        dir: ours,
    }];

    if let Some(tool) = progenitor {
        let openapi = work.join("openapi.json");
        fs::write(&openapi, document).map_err(|e| e.to_string())?;
        let theirs = work.join("theirs");
        let output = Command::new(tool)
            .arg("progenitor")
            .arg("--input")
            .arg(&openapi)
            .arg("--output")
            .arg(&theirs)
            .args(["--name", "progenitor-synthetic", "--version", "0.1.0"])
            .output()
            .map_err(|e| format!("cannot run cargo-progenitor: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "cargo-progenitor failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        subjects.push(Subject {
            label: format!("cargo-progenitor, {resources} synthetic resources"),
            synthetic: true,
            dir: theirs,
        });
    }

    if let Some(spec_dir) = intune {
        let mut spec = load::load(spec_dir).map_err(|d| d.to_string())?;
        let crate_dir = work.join("intune");
        generate(&mut spec, &crate_dir)?;
        subjects.push(Subject {
            label: "ours, the crate of the checked-in Intune spec".to_owned(),
            synthetic: false,
            dir: crate_dir,
        });
    }

    let mut rows = Vec::new();
    for subject in subjects {
        eprintln!("checking {} …", subject.label);
        let checked = check(&subject.dir, &work.join("target"))
            .map_err(|message| format!("{}: {message}", subject.label))?;
        rows.push((subject, checked));
    }
    print_table(&rows, progenitor.is_some());
    Ok(())
}

fn print_table(rows: &[(Subject, Checked)], compared: bool) {
    println!(
        "\n| `cargo check --all-features`, dependencies built | wall | peak MiB (rustc and cargo) | time vs progenitor | memory vs progenitor |"
    );
    println!("|---|---:|---:|---:|---:|");
    // The second row is progenitor's crate when it was measured.
    let reference = compared.then(|| &rows[1].1);
    for (subject, checked) in rows {
        let ratios = match reference {
            Some(theirs) if subject.synthetic => format!(
                "{:.2}× | {:.2}×",
                checked.wall.as_secs_f64() / theirs.wall.as_secs_f64(),
                checked.peak_mib / theirs.peak_mib
            ),
            _ => " | ".to_owned(),
        };
        println!(
            "| {} | {:.1} s | {:.0} | {ratios} |",
            subject.label,
            checked.wall.as_secs_f64(),
            checked.peak_mib
        );
    }
    if !compared {
        println!(
            "\ncargo-progenitor is not installed, so there is no comparison: `cargo install cargo-progenitor --locked` adds it."
        );
    }
    println!(
        "\nEach crate is checked once to build its dependencies; then its `src/lib.rs` (and those of the generated models and requests crates) is touched and it is checked again, which is what is timed; both with `CARGO_INCREMENTAL=0`. Peak memory is the largest sum of the resident memory of cargo and every process below it, sampled every 10 ms."
    );
}

/// Checks the crate in `dir` with every feature once to build its dependencies, then, after
/// touching its [`libraries`], again: that check is measured.
fn check(dir: &Path, target: &Path) -> Result<Checked, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // Both checks without incremental compilation: the first leaves exactly the dependencies the
    // second needs, and the crate itself is checked whole, as in a first build.
    let run = || -> Result<Checked, String> {
        let log = dir.join("check-stderr.txt");
        let stderr = fs::File::create(&log).map_err(|e| e.to_string())?;
        let mut command = Command::new(&cargo);
        command
            .args(["check", "--all-features", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", "0")
            .stdout(Stdio::null())
            .stderr(stderr);
        let started = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        let mut peak_kib = 0;
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            peak_kib = peak_kib.max(tree_rss_kib(child.id()));
            std::thread::sleep(Duration::from_millis(10));
        };
        let wall = started.elapsed();
        if !status.success() {
            let message = fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("`cargo check` failed ({status}):\n{message}"));
        }
        Ok(Checked {
            wall,
            peak_mib: peak_kib as f64 / 1024.0,
        })
    };
    run()?;
    for lib in libraries(dir) {
        let file = fs::File::options()
            .append(true)
            .open(&lib)
            .map_err(|e| format!("cannot touch {}: {e}", lib.display()))?;
        file.set_modified(std::time::SystemTime::now())
            .map_err(|e| format!("cannot touch {}: {e}", lib.display()))?;
    }
    run()
}

/// The `src/lib.rs` of the crate in `dir` and of each crate in the folders below it (the
/// generated models and requests crates), all of which the timed check checks again.
fn libraries(dir: &Path) -> Vec<PathBuf> {
    let mut libraries = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let lib = folder.join("src/lib.rs");
        if folder.join("Cargo.toml").is_file() && lib.is_file() {
            libraries.push(lib);
        }
        let below = fs::read_dir(&folder).into_iter().flatten().flatten();
        pending.extend(
            below
                .map(|entry| entry.path())
                // A crate's sources hold no crate.
                .filter(|path| path.is_dir() && !path.ends_with("src")),
        );
    }
    libraries.sort();
    libraries
}

/// The resident memory of `root` and every process below it, in KiB (0 where `/proc` is not).
fn tree_rss_kib(root: u32) -> u64 {
    let Ok(entries) = fs::read_dir("/proc") else {
        return 0;
    };
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // `pid (name) state ppid …`; the name may hold spaces and parentheses.
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let parent = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|ppid| ppid.parse::<u32>().ok());
        if let Some(parent) = parent {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut total = 0;
    let mut pending = vec![root];
    while let Some(pid) = pending.pop() {
        total += rss_kib(pid);
        pending.extend(children.get(&pid).into_iter().flatten());
    }
    total
}

/// A process's resident memory (`VmRSS`) in KiB, 0 when it is gone.
fn rss_kib(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))?
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// Writes the crate `spec` generates into `out`, with the workspace's lock file (the dependency
/// versions the generated crates are tested with) and its runtime, named by absolute path: a
/// spec's relative `runtime_path` does not lead there from the scratch folder.
fn generate(spec: &mut load::Spec, out: &Path) -> Result<(), String> {
    let root = crate::workspace_root();
    spec.api.item.krate.runtime_path = Some(root.join("runtime").display().to_string());
    let files = msgraph_codegen::build(spec).map_err(|d| d.to_string())?;
    msgraph_codegen::write::write(out, &files).map_err(|d| d.to_string())?;
    fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(())
}
