//! `cargo xtask`: the project's automation, in Rust so it runs wherever cargo does.

// Generating is millions of small allocations (token trees, syntax trees, strings), which
// mimalloc serves much faster than the system allocator (figures in `cargo xtask bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod bench;
mod compile;
mod permissions;

use std::time::Instant;

use clap::{Parser, Subcommand};
use msgraph_codegen::cache::Cache;
use msgraph_codegen::diagnostic::Diagnostics;
use msgraph_codegen::{Stage, emit, load, write};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project automation for the Microsoft Graph generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the Rust crate from the YAML spec.
    Codegen {
        /// The spec directory (default: `spec` in the workspace).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The output crate directory (default: `generated` in the workspace).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write nothing; fail if the output differs from what the spec produces.
        #[arg(long)]
        check: bool,
        /// Print how long each stage took, and how many files the rerun cache saved printing.
        #[arg(long)]
        timings: bool,
    },
    /// Run every test: the workspace's, then the generated crate's own (every documentation
    /// example read into its type), with the crate's features chosen so each is built once.
    Test,
    /// Time the generator stage by stage on synthetic specs of growing size.
    Bench {
        /// Resource counts to measure.
        #[arg(long, value_delimiter = ',', default_value = "1,10,100,1000,5000")]
        sizes: Vec<usize>,
        /// Seed of the synthetic specs.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also measure `cargo check` with every feature of the generated crates, once their
        /// dependencies are built: ours and cargo-progenitor's from one synthetic API, and the
        /// checked-in Intune crate (takes many minutes).
        #[arg(long)]
        compile: bool,
        /// Resource count of the synthetic API that `--compile` checks.
        #[arg(long, default_value_t = 1000)]
        compile_size: usize,
        /// Leave the checked-in Intune crate out of `--compile`.
        #[arg(long)]
        no_intune: bool,
    },
    /// One size of `bench`, in its own process (run by `bench`).
    #[command(hide = true)]
    BenchOne {
        /// Resource count.
        #[arg(long)]
        resources: usize,
        /// Seed of the synthetic spec.
        #[arg(long)]
        seed: u64,
        /// Scratch directory for the spec and the output.
        #[arg(long)]
        work: PathBuf,
    },
    /// Write the spec as an OpenAPI 3.0 document.
    Openapi {
        /// The spec directory (default: `spec` in the workspace).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The JSON file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a synthetic, Graph-shaped spec (deterministic for a seed).
    Synth {
        /// How many resources.
        #[arg(long)]
        resources: usize,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Directory to write the spec into.
        #[arg(long)]
        out: PathBuf,
    },
    /// The least privileged permissions that allow the given operations: each permission with
    /// the operations it is chosen for, then the operations no permission of the type allows.
    Permissions {
        /// The spec directory (default: `spec` in the workspace).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The permission type.
        #[arg(long = "type", value_enum, default_value = "delegated")]
        permission_type: permissions::TypeArg,
        /// Operations, by documented name (`Update managedAllDeviceCertificateState`) or request
        /// type (`UpdateManagedAllDeviceCertificateState`).
        #[arg(required = true)]
        operations: Vec<String>,
    },
    /// Write spec files from Microsoft Graph documentation pages (markdown, or their plain-text rendering).
    Import {
        /// The spec directory to write into (default: `spec` in the workspace).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// Also write the import report (markdown) to this file.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Documentation pages, or folders of them.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Codegen {
            spec,
            out,
            check,
            timings,
        } => {
            let spec = spec.unwrap_or_else(|| workspace_root().join("spec"));
            let out = out.unwrap_or_else(|| workspace_root().join("generated"));
            codegen(&spec, &out, check, timings)
        }
        Command::Test => test(),
        Command::Bench {
            sizes,
            seed,
            compile,
            compile_size,
            no_intune,
        } => bench::bench(
            &sizes,
            seed,
            compile.then_some(bench::CompileOptions {
                resources: compile_size,
                intune: !no_intune,
            }),
        ),
        Command::Openapi { spec, out } => {
            openapi(&spec.unwrap_or_else(|| workspace_root().join("spec")), &out)
        }
        Command::BenchOne {
            resources,
            seed,
            work,
        } => bench::bench_one(resources, seed, &work),
        Command::Synth {
            resources,
            seed,
            out,
        } => match msgraph_codegen::synth::write(
            &out,
            &msgraph_codegen::synth::synthesize(resources, seed),
        ) {
            Ok(()) => {
                println!(
                    "{}: {resources} synthetic resources (seed {seed})",
                    out.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{}: error: {error}", out.display());
                ExitCode::FAILURE
            }
        },
        Command::Permissions {
            spec,
            permission_type,
            operations,
        } => match permissions::report(
            &spec.unwrap_or_else(|| workspace_root().join("spec")),
            permission_type.into(),
            &operations,
        ) {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(problems) => {
                eprintln!("{problems}");
                ExitCode::FAILURE
            }
        },
        Command::Import {
            spec,
            report,
            pages,
        } => import(
            &spec.unwrap_or_else(|| workspace_root().join("spec")),
            report.as_deref(),
            &pages,
        ),
    }
}

fn openapi(spec: &Path, out: &Path) -> ExitCode {
    let document = msgraph_codegen::load::load(spec).and_then(|spec| {
        msgraph_codegen::validate::validate(&spec)?;
        Ok(msgraph_codegen::openapi::openapi(&spec))
    });
    let document = match document {
        Ok(document) => document,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let text = serde_json::to_string_pretty(&document).unwrap_or_default();
    match std::fs::write(out, text + "\n") {
        Ok(()) => {
            println!("{}: OpenAPI 3.0.3 document", out.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: error: cannot write: {error}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn import(spec: &Path, report_file: Option<&Path>, pages: &[PathBuf]) -> ExitCode {
    match msgraph_codegen::import::import(pages, spec) {
        Ok(report) => {
            println!("{report}");
            if let Some(file) = report_file
                && let Err(error) = std::fs::write(file, report.to_string())
            {
                eprintln!(
                    "{}: error: cannot write the report: {error}",
                    file.display()
                );
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, so the defaults work from any directory.
/// The workspace's tests see the generated crate through the seed family's workload only; its
/// own tests need every workload, so they run apart.
fn test() -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // The generated crates have no tests of their own but the one users name: its examples
    // module reads every documentation example into its type, through the other crates.
    let runs: [&[&str]; 2] = [
        &["test", "--workspace", "--exclude", "msgraph-beta*"],
        &["test", "-p", "msgraph-beta", "--all-features", "--lib"],
    ];
    for args in runs {
        eprintln!("==> cargo {}", args.join(" "));
        let status = std::process::Command::new(&cargo)
            .args(args)
            .current_dir(workspace_root())
            .status();
        match status {
            Ok(status) if status.success() => {}
            Ok(status) => {
                eprintln!("error: `cargo {}` failed ({status})", args.join(" "));
                return ExitCode::FAILURE;
            }
            Err(error) => {
                eprintln!("error: cannot run cargo: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The stages of `codegen`, timed one after another.
struct Stages {
    shown: bool,
    last: Instant,
}

impl Stages {
    fn new(shown: bool) -> Self {
        Self {
            shown,
            last: Instant::now(),
        }
    }

    /// Ends the stage `name`, printing its time and the process's resident memory, now and at
    /// its peak so far, when asked to.
    fn done(&mut self, name: &str) {
        if self.shown {
            let mib = |field| bench::memory_mib(std::process::id(), field).unwrap_or(f64::NAN);
            eprintln!(
                "{name:>8}: {:7.1} ms, resident {:6.1} MiB (peak {:6.1} MiB)",
                self.last.elapsed().as_secs_f64() * 1000.0,
                mib("VmRSS:"),
                mib("VmHWM:"),
            );
        }
        self.last = Instant::now();
    }
}

/// The rerun cache of the output directory `output`, as [`resolved`]: in cargo's target
/// directory, beside the running generator (`target/<profile>`), a file per output directory.
fn cache_file(output: &Path) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(
        exe.parent()?
            .join("codegen-cache")
            .join(format!("{:016x}.bin", msgraph_codegen::cache::hash(output))),
    )
}

/// `out` as an absolute path, with the links of the part that exists resolved: the same
/// before a run creates the folder as after, so a fresh generation's cache serves the next run.
fn resolved(out: &Path) -> PathBuf {
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    absolute
        .ancestors()
        .find_map(|existing| {
            let missing = absolute.strip_prefix(existing).ok()?;
            let existing = existing.canonicalize().ok()?;
            Some(if missing.as_os_str().is_empty() {
                existing
            } else {
                existing.join(missing)
            })
        })
        .unwrap_or(absolute)
}

/// Removes the rerun caches beside `kept` that no run will read again: those of output folders
/// that are gone (each folder has its own, so a scratch folder's would stay for good), and
/// those of another layout or damaged.
fn prune_caches(kept: &Path) {
    let Some(entries) = kept
        .parent()
        .and_then(|folder| std::fs::read_dir(folder).ok())
    else {
        return;
    };
    for cache in entries.flatten().map(|entry| entry.path()) {
        let stale = cache != kept
            && cache
                .extension()
                .is_some_and(|extension| extension == "bin")
            && msgraph_codegen::cache::output_of(&cache).is_none_or(|output| !output.is_dir());
        if stale {
            let _ = std::fs::remove_file(cache);
        }
    }
}

/// Removes the rerun cache of a scratch output directory, which no later run will use.
fn forget_cache(out: &Path) {
    if let Some(file) = cache_file(&resolved(out)) {
        let _ = std::fs::remove_file(file);
    }
}

/// Hands every file to `sink`: all of them as they are on disk when the spec and the generator
/// are those of the cached run and every file still holds its recorded contents; otherwise
/// through every stage, printing the files the cache does not keep. Returns the fingerprint
/// of the spec generated from.
fn produce(
    spec: &Path,
    sink: &dyn emit::Sink,
    cache: Option<&Cache>,
    stages: &mut Stages,
) -> Result<u64, Diagnostics> {
    if let Some(cache) = cache
        && let Ok((fingerprint, spec_files)) = load::fingerprint(spec, |file| cache.spec_file(file))
    {
        cache.record_spec_files(spec_files);
        if cache.same_spec(fingerprint) {
            let kept = cache.keep_all(sink)?;
            stages.done("same spec, files checked");
            if kept {
                return Ok(fingerprint);
            }
        }
    }
    let load::Loaded {
        spec,
        mut endpoints,
        fingerprint,
    } = load::load_deferred(spec)?;
    endpoints.hold(load::HELD_TEXT);
    stages.done("load");
    msgraph_codegen::generate_into(spec, endpoints, sink, cache, |stage| {
        stages.done(match stage {
            Stage::Validated => "validate",
            // Each operation's file is printed meanwhile.
            Stage::Lowered => "lower",
            Stage::Printed => "emit",
        })
    })?;
    Ok(fingerprint)
}

fn codegen(spec: &Path, out: &Path, check: bool, timings: bool) -> ExitCode {
    let shown = out.strip_prefix(workspace_root()).unwrap_or(out).display();
    let mut stages = Stages::new(timings);
    // Without a fingerprint of the generator, no cache entry could be trusted.
    let generator = msgraph_codegen::cache::running_generator().ok();
    let output = resolved(out);
    let file = cache_file(&output).filter(|_| generator.is_some());
    let cache = match (&file, generator) {
        (Some(file), Some(generator)) => Cache::open(file, generator),
        _ => Cache::empty(0),
    };
    let used = file.is_some().then_some(&cache);
    stages.done("cache");
    let fingerprint = if check {
        let checker = write::Checker::new(out);
        let drift = produce(spec, &checker, used, &mut stages)
            .and_then(|fingerprint| Ok((fingerprint, checker.finish()?)));
        stages.done("strays");
        match drift {
            Ok((fingerprint, drift)) if drift.is_clean() => {
                println!("{shown} is up to date");
                fingerprint
            }
            Ok((_, drift)) => {
                eprint!("{drift}");
                eprintln!(
                    "{shown} does not match the spec: run `cargo xtask codegen` and commit the result"
                );
                return ExitCode::FAILURE;
            }
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let writer = write::Writer::new(out);
        let written = produce(spec, &writer, used, &mut stages)
            .and_then(|fingerprint| Ok((fingerprint, writer.finish()?)));
        stages.done("write");
        match written {
            Ok((fingerprint, report)) => {
                println!(
                    "{shown}: {} files written, {} unchanged, {} removed",
                    report.written.len(),
                    report.unchanged,
                    report.removed.len()
                );
                fingerprint
            }
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                eprintln!("nothing was written");
                return ExitCode::FAILURE;
            }
        }
    };
    if timings {
        eprintln!("{} files kept by the rerun cache", cache.hits());
    }
    if let Some(file) = file {
        if let Err(error) = cache.save(&file, &output, fingerprint) {
            // The output is right; only the next run is slower.
            eprintln!(
                "warning: cannot save the rerun cache {}: {error}",
                file.display()
            );
        }
        prune_caches(&file);
    }
    stages.done("save");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn an_output_folder_resolves_alike_before_and_after_it_is_made() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("real")).unwrap();
        std::os::unix::fs::symlink("real", root.path().join("link")).unwrap();
        // Named through a link, and not made yet.
        let out = root.path().join("link/out");
        let before = resolved(&out);
        std::fs::create_dir(&out).unwrap();
        assert_eq!(resolved(&out), before);
        assert_eq!(resolved(&root.path().join("real/out")), before);
        assert_ne!(resolved(&root.path().join("real")), before);
    }

    #[test]
    fn the_caches_of_output_folders_that_are_gone_are_removed() {
        let root = tempfile::tempdir().unwrap();
        let caches = root.path().join("codegen-cache");
        let (kept, gone) = (root.path().join("kept"), root.path().join("gone"));
        for (file, output) in [
            ("ours.bin", &gone),
            ("kept.bin", &kept),
            ("gone.bin", &gone),
        ] {
            std::fs::create_dir_all(output).unwrap();
            Cache::empty(1).save(&caches.join(file), output, 2).unwrap();
        }
        std::fs::remove_dir(&gone).unwrap();
        std::fs::write(caches.join("damaged.bin"), "msgraph").unwrap();
        std::fs::write(caches.join("saving.tmp7"), "msgraph").unwrap();

        prune_caches(&caches.join("ours.bin"));
        let mut left: Vec<String> = std::fs::read_dir(&caches)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["kept.bin", "ours.bin", "saving.tmp7"]);
    }
}
