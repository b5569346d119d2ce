use attn_core::{registered_backends, AttentionConfig, DType, Device, Overrides, BACKEND_NAMES};

fn driver_version() -> Option<String> {
    let mut v = 0i32;
    // SAFETY: only called once the driver library was found (a GPU device exists).
    let r = unsafe { cudarc::driver::sys::cuDriverGetVersion(&mut v) };
    (r == cudarc::driver::sys::CUresult::CUDA_SUCCESS).then(|| format!("{}.{}", v / 1000, (v % 1000) / 10))
}

pub fn run() -> Result<i32, String> {
    println!("vit-attn {}", env!("CARGO_PKG_VERSION"));
    let (device, why_cpu) = Device::detect();
    match &device {
        Device::Cuda(g) => {
            let sms = g.ctx.attribute(cudarc::driver::sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT).unwrap_or(0);
            let mem = g.ctx.total_mem().unwrap_or(0) as f64 / (1u64 << 30) as f64;
            println!(
                "device: GPU #{} {} | compute capability {} | {sms} SMs | {mem:.1} GiB | driver CUDA {}",
                g.ordinal,
                g.name,
                g.cc,
                driver_version().unwrap_or_else(|| "?".into())
            );
        }
        Device::Cpu => println!("device: CPU only ({})", why_cpu.unwrap_or_default()),
    }
    println!("cpu threads: {}", std::thread::available_parallelism().map_or(1, |n| n.get()));
    let env = Overrides::from_env();
    println!(
        "overrides: {}={} {}={}",
        attn_core::ENV_FORCE,
        env.force.as_ref().map_or("(unset)", |f| f.0.as_str()),
        attn_core::ENV_DISABLE,
        if env.disable.is_empty() { "(unset)".to_string() } else { env.disable.iter().map(|d| d.0.as_str()).collect::<Vec<_>>().join(",") }
    );
    println!("backends, highest priority first:");
    // A typical ViT shape to try each backend on this device.
    let probe = AttentionConfig::new(16, 64, DType::BF16);
    for b in registered_backends() {
        let info = b.kernel_info();
        let gpu = match &info.gpu {
            Ok(s) => s.clone(),
            Err(why) => format!("none ({why})"),
        };
        let status = match b.supports(probe.head_size, probe.dtype, device.cc()) {
            Err(u) => format!("cannot run here: {u}"),
            Ok(()) => match b.instantiate(&probe, &device) {
                Ok(_) => format!("ready on {}", device.describe()),
                Err(u) => format!("cannot run here: {u}"),
            },
        };
        println!("  {:<12} priority {:>3}", b.name(), b.priority());
        match b.plugin_path() {
            Some(path) => println!("      from:        run-time plugin {}", path.display()),
            None => println!("      from:        linked crate"),
        }
        println!("      GPU kernels: {gpu}");
        println!("      CPU path:    {}", if info.cpu { "yes" } else { "no" });
        println!("      status (16 heads, d=64, bf16): {status}");
    }
    let absent: Vec<&str> =
        BACKEND_NAMES.iter().copied().filter(|n| !registered_backends().iter().any(|b| b.name() == *n)).collect();
    if !absent.is_empty() {
        println!("not compiled into this build: {}", absent.join(", "));
    }
    match std::env::var_os(attn_core::ENV_PLUGINS) {
        None => println!("plugins: none ({} unset)", attn_core::ENV_PLUGINS),
        Some(list) => println!("plugins: {}={}", attn_core::ENV_PLUGINS, list.to_string_lossy()),
    }
    for f in attn_core::plugin_failures() {
        println!("  not loaded: {}: {}", f.path.display(), f.reason);
    }
    Ok(0)
}
