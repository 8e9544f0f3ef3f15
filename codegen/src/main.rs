//! purecloud-codegen: writes the purecloud crate's `src/api/`,
//! `src/models/`, `tests/generated/models.rs` and the `[features]` section
//! of its Cargo.toml from a Swagger 2.0 definition of the Platform API.
//!
//! ```text
//! cargo run -p purecloud-codegen                   # regenerate from spec/platform-api.json
//! cargo run -p purecloud-codegen -- --check        # fail if the committed files differ
//! cargo run -p purecloud-codegen -- --spec FILE --root DIR
//! ```

mod docs;
mod features;
mod generate;
mod graph;
mod models;
mod names;
mod naming;
mod operations;
mod output;
mod paging;
mod spec;
mod types;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: purecloud-codegen [--spec FILE] [--root DIR] [--check]

  --spec FILE  the Swagger 2.0 definition (default: spec/platform-api.json)
  --root DIR   the purecloud crate's directory (default: the current directory)
  --check      compare with the files on disk instead of writing; exit 1 on any difference";

struct Options {
    spec: String,
    root: PathBuf,
    check: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        spec: "spec/platform-api.json".to_owned(),
        root: PathBuf::from("."),
        check: false,
    };

    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => options.spec = args.next().ok_or("--spec needs a file")?,
            "--root" => options.root = args.next().ok_or("--root needs a directory")?.into(),
            "--check" => options.check = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    match parse_args().and_then(|options| run(&options)) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("purecloud-codegen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<ExitCode, String> {
    let spec_file = options.root.join(&options.spec);
    let text = std::fs::read_to_string(&spec_file)
        .map_err(|error| format!("failed to read {}: {error}", spec_file.display()))?;
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| format!("{} is not valid JSON: {error}", spec_file.display()))?;
    let spec = spec::parse(&document)?;

    let generated = generate::generate(&spec);
    let header = output::header(&options.spec, &spec.title, &spec.version);
    let mut files = generated.files;
    for content in files.values_mut() {
        content.insert_str(0, &header);
    }
    output::format_all(&mut files)?;

    let manifest_path = options.root.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|error| format!("failed to read {}: {error}", manifest_path.display()))?;
    let updated = features::replace_section(&manifest, &generated.features);

    if options.check {
        let mut differences = output::check(&options.root, &files);
        if updated != manifest {
            differences.push("Cargo.toml: the [features] section differs".to_owned());
        }
        if differences.is_empty() {
            println!(
                "purecloud-codegen: {} generated files are up to date",
                files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "purecloud-codegen: {} generated files differ from {}; run `cargo run -p purecloud-codegen` and commit the result:",
            differences.len(),
            options.spec
        );
        for line in differences.iter().take(20) {
            eprintln!("  {line}");
        }
        if differences.len() > 20 {
            eprintln!("  ... and {} more", differences.len() - 20);
        }
        return Ok(ExitCode::FAILURE);
    }

    let deleted = output::write(&options.root, &files)?;
    if updated != manifest {
        std::fs::write(&manifest_path, updated)
            .map_err(|error| format!("failed to write {}: {error}", manifest_path.display()))?;
    }
    println!(
        "purecloud-codegen: {} operations, {} models, {} files written, {deleted} stale files deleted",
        spec.operations.len(),
        spec.definitions.len(),
        files.len()
    );
    Ok(ExitCode::SUCCESS)
}
