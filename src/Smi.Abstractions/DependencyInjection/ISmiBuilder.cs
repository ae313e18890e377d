namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddSmi()</c>; mesh adapters extend it (<c>.AddIstio()</c> and so on).</summary>
public interface ISmiBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }
}
