using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Smi.Benchmarks.Fixtures).Assembly).Run(args);
