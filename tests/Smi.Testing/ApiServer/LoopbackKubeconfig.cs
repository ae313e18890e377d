namespace Smi.Testing.ApiServer;

/// <summary>The text of a kubeconfig for the loopback API server, for a process started against it.</summary>
public static class LoopbackKubeconfig
{
    /// <summary>
    /// A kubeconfig whose only context points at <paramref name="url"/> with a bearer token, and a namespace when
    /// given.
    /// </summary>
    /// <param name="url">The server's address.</param>
    /// <param name="token">The bearer token (<see cref="LoopbackApiServer.AdminToken"/>, or an installed
    /// ServiceAccount's).</param>
    /// <param name="ns">The context's namespace; none when null.</param>
    /// <returns>The YAML text.</returns>
    public static string Text(string url, string token, string? ns = null) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: loopback
          cluster: {server: "{{url}}"}
        users:
        - name: tester
          user: {token: "{{token}}"}
        contexts:
        - name: loopback
          context: {cluster: loopback, user: tester{{(ns is null ? string.Empty : $", namespace: {ns}")}}}
        current-context: loopback
        """;
}
