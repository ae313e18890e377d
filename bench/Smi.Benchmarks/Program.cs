using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

var config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(48));
BenchmarkSwitcher.FromAssembly(typeof(Smi.Benchmarks.Fixtures).Assembly).Run(args, config);
