using System.Globalization;
using System.Text;

namespace Smi.Fleet;

/// <summary>A text writer that keeps nothing and counts the characters written to it.</summary>
public sealed class CountingWriter : TextWriter
{
    /// <summary>Creates the writer.</summary>
    public CountingWriter()
        : base(CultureInfo.InvariantCulture)
    {
    }

    /// <summary>Characters written.</summary>
    public long Characters { get; private set; }

    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc/>
    public override void Write(char value) => Characters++;

    /// <inheritdoc/>
    public override void Write(string? value) => Characters += value?.Length ?? 0;

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Characters += count;

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer) => Characters += buffer.Length;
}
