//! `cargo xtask bench`: times the generator stage by stage on synthetic specs of growing size.
//!
//! Each size runs in its own process (`bench-one`), so its peak memory is its own.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use msgraph_codegen::{emit, load, lower, synth, validate, write};

/// What one size measured.
struct Measurement {
    resources: usize,
    files: usize,
    bytes: usize,
    stages: Vec<(&'static str, Duration)>,
    peak_mib: f64,
}

/// Runs every size in a child process and prints a markdown table.
pub fn bench(sizes: &[usize], seed: u64) -> ExitCode {
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("error: cannot find the xtask executable to run the sizes in");
        return ExitCode::FAILURE;
    };
    println!(
        "| resources | files | MiB written | load | validate | IR | tokens | format | emit (parallel) | write | total | peak MiB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for size in sizes {
        let output = Command::new(&exe)
            .args([
                "bench-one",
                "--resources",
                &size.to_string(),
                "--seed",
                &seed.to_string(),
            ])
            .output();
        match output {
            Ok(output) if output.status.success() => {
                print!("{}", String::from_utf8_lossy(&output.stdout))
            }
            Ok(output) => {
                eprintln!(
                    "error: size {size} failed:\n{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                return ExitCode::FAILURE;
            }
            Err(error) => {
                eprintln!("error: cannot run size {size}: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "\ntotal = load + validate + IR + emit (parallel) + write; tokens and format are emit's two halves, timed on one thread."
    );
    ExitCode::SUCCESS
}

/// Measures one size in this process and prints its table row.
pub fn bench_one(resources: usize, seed: u64) -> ExitCode {
    match measure(resources, seed) {
        Ok(m) => {
            let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
            let stage = |name: &str| {
                m.stages
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(Duration::ZERO, |(_, d)| *d)
            };
            let total = ["load", "validate", "lower", "emit", "write"]
                .iter()
                .map(|s| stage(s))
                .sum::<Duration>();
            println!(
                "| {} | {} | {:.1} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} |",
                m.resources,
                m.files,
                m.bytes as f64 / (1024.0 * 1024.0),
                ms(stage("load")),
                ms(stage("validate")),
                ms(stage("lower")),
                ms(stage("tokens")),
                ms(stage("format")),
                ms(stage("emit")),
                ms(stage("write")),
                ms(total),
                m.peak_mib
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn measure(resources: usize, seed: u64) -> Result<Measurement, String> {
    let work =
        std::env::temp_dir().join(format!("msgraph-bench-{}-{resources}", std::process::id()));
    let spec_dir = work.join("spec");
    let out = work.join("out");
    synth::write(&spec_dir, &synth::synthesize(resources, seed)).map_err(|e| e.to_string())?;
    let result = run_stages(&spec_dir, &out, resources);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn run_stages(spec_dir: &Path, out: &Path, resources: usize) -> Result<Measurement, String> {
    let mut stages = Vec::new();
    let mut time = |name: &'static str, started: Instant| stages.push((name, started.elapsed()));

    let started = Instant::now();
    let spec = load::load(spec_dir).map_err(|d| d.to_string())?;
    time("load", started);
    let started = Instant::now();
    let symbols = validate::validate(&spec).map_err(|d| d.to_string())?;
    time("validate", started);
    let started = Instant::now();
    let krate = lower::lower(&spec, &symbols).map_err(|d| d.to_string())?;
    time("lower", started);

    let started = Instant::now();
    let files = emit::emit(&krate).map_err(|d| d.to_string())?;
    time("emit", started);
    let started = Instant::now();
    write::write(out, &files).map_err(|d| d.to_string())?;
    time("write", started);
    let peak_mib = peak_memory_mib();

    // The two halves of emitting, on one thread and one file at a time, to see where the time
    // goes (after the peak was taken, so this does not count).
    let (mut tokens_time, mut format_time) = (Duration::ZERO, Duration::ZERO);
    for unit in emit::units(&krate) {
        let started = Instant::now();
        let (path, tokens, source) = unit.tokens();
        tokens_time += started.elapsed();
        let started = Instant::now();
        std::hint::black_box(emit::format(path, tokens, &source).map_err(|d| d.to_string())?);
        format_time += started.elapsed();
    }
    stages.push(("tokens", tokens_time));
    stages.push(("format", format_time));

    Ok(Measurement {
        resources,
        files: files.len(),
        bytes: files.iter().map(|f| f.contents.len()).sum(),
        stages,
        peak_mib,
    })
}

/// The process's peak resident memory (`VmHWM`), where the system reports it.
fn peak_memory_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}
