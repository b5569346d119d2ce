use attn_core::{Attention, AttentionConfig, ComputeCapability, DType, Device, Overrides};

/// Prints the chosen backend and each passed-over one with its reason. With
/// no --cc on a GPU machine the backend is really instantiated there, so
/// run-time reasons (a module that does not load, cuBLAS missing) show too.
pub fn run(head_size: usize, dtype: DType, cc: Option<&str>) -> Result<i32, String> {
    let overrides = Overrides::from_env();
    let print = |chosen: Option<&str>, passed: &[attn_core::PassedOver]| {
        match chosen {
            Some(c) => println!("chosen: {c}"),
            None => println!("chosen: none: no backend serves this case"),
        }
        if !passed.is_empty() {
            println!("passed over:");
            for p in passed {
                println!("  {:<12} {}", p.name, p.reason);
            }
        }
    };
    let target = match cc {
        Some("cpu") => Some(None),
        Some(s) => Some(Some(s.parse::<ComputeCapability>()?)),
        None => None,
    };
    if let Some(cc) = target {
        let place = cc.map_or("the CPU".to_string(), |c| format!("compute capability {c} (as given)"));
        println!("case: head_size {head_size}, {dtype}, on {place}");
        let s = attn_core::select(head_size, dtype, cc, &overrides).map_err(|e| e.to_string())?;
        print(s.chosen.map(|b| b.name()), &s.passed_over);
        return Ok(if s.chosen.is_some() { 0 } else { 1 });
    }
    let (device, why_cpu) = Device::detect();
    println!("case: head_size {head_size}, {dtype}, on {}", device.describe());
    if let Some(why) = why_cpu {
        println!("(no GPU: {why})");
    }
    // Heads do not enter selection; 16 is a typical ViT.
    let config = AttentionConfig::new(16, head_size, dtype);
    match Attention::builder(config).device(device).build() {
        Ok(a) => {
            print(Some(a.backend_name()), a.passed_over());
            Ok(0)
        }
        Err(e) => Err(e.to_string()),
    }
}
