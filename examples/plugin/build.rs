// Builds the deliberately broken plugins the tests load (fixtures/broken_plugin.c,
// one shared library per failure mode) with the C compiler cc finds.
use std::path::PathBuf;

const MODES: [&str; 5] = ["missing_symbol", "null_table", "wrong_abi", "name_clash", "forward_error"];

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("broken");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/broken");
    let include = std::env::var("DEP_VIT_ATTN_CORE_INCLUDE").expect("attn-core exports its include dir");
    let src = "fixtures/broken_plugin.c";
    println!("cargo:rerun-if-changed={src}");
    let compiler = cc::Build::new().get_compiler();
    for mode in MODES {
        let lib = out.join(format!("{}broken_{mode}{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX));
        let status = compiler
            .to_command()
            .args(["-shared", "-fPIC", "-O1"])
            .arg(format!("-DMODE_{}", mode.to_uppercase()))
            .arg(format!("-I{include}"))
            .arg(src)
            .arg("-o")
            .arg(&lib)
            .status()
            .unwrap_or_else(|e| panic!("cannot run the C compiler for {src}: {e}"));
        assert!(status.success(), "compiling {src} for {mode} failed");
    }
    println!("cargo:rustc-env=VIT_ATTN_BROKEN_PLUGINS={}", out.display());
}
