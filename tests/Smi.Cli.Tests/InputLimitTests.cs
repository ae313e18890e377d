using System.Diagnostics;
using System.Text;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// Input that is too large, not a regular file, a link out of the folder given, or not UTF-8: each is refused with
/// exit code 1 and a diagnostic that names the file, and nothing else is read from it.
/// </summary>
public sealed class InputLimitTests : IDisposable
{
    private const string Split = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: s, namespace: shop}
        spec:
          service: web
          backends: [{service: web-v1, weight: 1}]

        """;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("smi-limits");

    public void Dispose() => _work.Delete(true);

    [Fact]
    public async Task File_Over_The_Size_Limit_Is_Refused_By_Name()
    {
        var file = Write("in/big.yaml", Split + new string('#', 4096) + "\n");

        var run = await CliRun.RunAsync("validate", file, "--max-file-size", "2Ki");

        AssertRefused(run, "FileTooLarge", file);
        Assert.Contains("limit of 2048 bytes", run.Error, StringComparison.Ordinal);
        Assert.Contains("0 SMI object(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raising_The_Size_Limit_Reads_The_File()
    {
        var file = Write("in/big.yaml", Split + new string('#', 4096) + "\n");

        var run = await CliRun.RunAsync("validate", file, "--max-file-size", "8Ki");

        Assert.DoesNotContain("FileTooLarge", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 SMI object(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_Over_The_Total_Limit_Stops_At_The_File_That_Passes_It()
    {
        Write("in/a.yaml", Split);
        var second = Write("in/b.yaml", Split.Replace("name: s,", "name: t,", StringComparison.Ordinal));

        var run = await CliRun.RunAsync(
            "validate", Path.Combine(_work.FullName, "in"), "--max-total-size", (Split.Length + 10).ToString(
                System.Globalization.CultureInfo.InvariantCulture));

        AssertRefused(run, "InputTooLarge", second);
        Assert.Contains("1 SMI object(s)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1x")]
    [InlineData("0")]
    [InlineData("5Ti")]
    [InlineData("1.5Mi")]
    public async Task Size_That_Is_Not_One_Is_A_Usage_Error(string size)
    {
        var run = await CliRun.RunAsync("validate", "-", "--max-file-size", size);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("is not a size", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_Input_Over_The_Limit_Is_Refused()
    {
        var input = Split + new string('#', 5000);
        var run = await CliRun.RunWithInputAsync(input, "validate", "-", "--max-file-size", "1Ki");

        AssertRefused(run, "FileTooLarge", "-");
    }

    [SkippableFact]
    public async Task Fifo_In_A_Folder_Is_Refused_Without_Blocking()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are a Unix file type");
        Write("in/ok.yaml", Split);
        var fifo = Path.Combine(_work.FullName, "in", "pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            Assert.True(mkfifo.WaitForExit(10_000), "mkfifo did not finish");
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = await CliRun.RunAsync("validate", Path.Combine(_work.FullName, "in"))
            .WaitAsync(TimeSpan.FromSeconds(60));

        AssertRefused(run, "NotARegularFile", fifo);
        Assert.Contains("1 SMI object(s)", run.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Device_Named_Directly_Is_Refused()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "no /dev/zero on this system");
        var link = Path.Combine(_work.FullName, "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");

        var run = await CliRun.RunAsync("validate", link).WaitAsync(TimeSpan.FromSeconds(60));

        AssertRefused(run, "NotARegularFile", link);
    }

    [SkippableFact]
    public async Task Link_To_A_Device_In_A_Folder_Is_Refused()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "no /dev/zero on this system");
        Write("in/ok.yaml", Split);
        var link = Path.Combine(_work.FullName, "in", "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");

        var run = await CliRun.RunAsync("validate", Path.Combine(_work.FullName, "in"))
            .WaitAsync(TimeSpan.FromSeconds(60));

        AssertRefused(run, "LinkLeavesInput", link);
        Assert.Contains("1 SMI object(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_Out_Of_The_Folder_Is_Not_Followed()
    {
        Write("outside/secret.yaml", Split);
        var link = Path.Combine(Directory.CreateDirectory(Path.Combine(_work.FullName, "in")).FullName, "s.yaml");
        File.CreateSymbolicLink(link, Path.Combine("..", "outside", "secret.yaml"));

        var run = await CliRun.RunAsync("validate", Path.Combine(_work.FullName, "in"));

        AssertRefused(run, "LinkLeavesInput", link);
        Assert.Contains("0 SMI object(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_Inside_The_Folder_Is_Read_Once()
    {
        Write("in/real.yaml", Split);
        File.CreateSymbolicLink(Path.Combine(_work.FullName, "in", "alias.yaml"), "real.yaml");

        var run = await CliRun.RunAsync("validate", Path.Combine(_work.FullName, "in"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.DoesNotContain("DuplicateObject", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 SMI object(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_Utf8_Is_Reported_With_File_And_Line()
    {
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(_work.FullName, "in")).FullName, "bad.yaml");
        File.WriteAllBytes(file, [.. Encoding.UTF8.GetBytes("a: 1\nb: 2\nc: \""), 0xC3, 0x28, .. "\"\n"u8]);

        var run = await CliRun.RunAsync("validate", file);

        AssertRefused(run, "InvalidUtf8", file);
        Assert.Contains($"({file}:3)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_Refuses_A_Link_Out_Of_The_Tree_And_Never_Copies_Its_Target()
    {
        var secret = Write("outside/passwd", "root:x:0:0:secret\n");
        Write("in/canary.yaml", Split);
        var link = Path.Combine(_work.FullName, "in", "notes.txt");
        File.CreateSymbolicLink(link, secret);
        var output = Path.Combine(_work.FullName, "out");

        var refused = await CliRun.RunAsync("migrate", Path.Combine(_work.FullName, "in"), "--to", "gateway-api",
            "-o", output);
        AssertRefused(refused, "LinkLeavesInput", link);
        Assert.False(Directory.Exists(output));

        var forced = await CliRun.RunAsync("migrate", Path.Combine(_work.FullName, "in"), "--to", "gateway-api",
            "-o", output, "--force");
        Assert.Equal(ExitCodes.InputErrors, forced.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "canary.yaml")));
        Assert.False(Path.Exists(Path.Combine(output, "notes.txt")));
        Assert.DoesNotContain(
            Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_Copies_A_Link_Inside_The_Tree_As_A_Link()
    {
        Write("in/canary.yaml", File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "canary", "canary.yaml")));
        Write("in/docs/notes.txt", "notes\n");
        File.CreateSymbolicLink(Path.Combine(_work.FullName, "in", "notes.txt"), Path.Combine("docs", "notes.txt"));
        var output = Path.Combine(_work.FullName, "out");

        var run = await CliRun.RunAsync("migrate", Path.Combine(_work.FullName, "in"), "--to", "gateway-api",
            "-o", output);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var copied = new FileInfo(Path.Combine(output, "notes.txt"));
        Assert.Equal(Path.Combine("docs", "notes.txt"), copied.LinkTarget);
        Assert.Equal("notes\n", File.ReadAllText(Path.Combine(output, "docs", "notes.txt")));
    }

    [Fact]
    public async Task Migrate_Refuses_A_File_Over_The_Limit()
    {
        Write("in/canary.yaml", Split);
        var big = Write("in/blob.bin", new string('x', 10_000));

        var run = await CliRun.RunAsync("migrate", Path.Combine(_work.FullName, "in"), "--to", "gateway-api",
            "-o", Path.Combine(_work.FullName, "out"), "--max-file-size", "4Ki");

        AssertRefused(run, "FileTooLarge", big);
    }

    private static void AssertRefused(CliRun run, string reason, string file)
    {
        Assert.True(run.ExitCode == ExitCodes.InputErrors, $"exit {run.ExitCode}\n{run.Out}\n{run.Error}");
        Assert.Contains($"error {reason}", run.Error, StringComparison.Ordinal);
        Assert.Contains(file, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
    }

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_work.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
