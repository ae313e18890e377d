namespace Smi.Testing.ApiServer;

/// <summary>The fields one manager owns through one operation (Apply or Update) on one subresource.</summary>
internal sealed class ManagedFieldsEntry(string manager, string operation, string? subresource)
{
    public string Manager { get; } = manager;

    public string Operation { get; } = operation;

    public string? Subresource { get; } = subresource;

    public string ApiVersion { get; set; } = string.Empty;

    public string Time { get; set; } = string.Empty;

    public HashSet<string> Fields { get; set; } = new(StringComparer.Ordinal);

    public string Id => Key(Manager, Operation, Subresource);

    public static string Key(string manager, string operation, string? subresource) => $"{manager}\u0001{operation}\u0001{subresource}";

    public ManagedFieldsEntry Clone() => new(Manager, Operation, Subresource)
    {
        ApiVersion = ApiVersion,
        Time = Time,
        Fields = new HashSet<string>(Fields, StringComparer.Ordinal),
    };
}
