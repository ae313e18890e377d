using Smi.Testing.ApiServer;

namespace Smi.Controller.Tests;

/// <summary>Maps a recorded request to the RBAC (group, resource, verb) it needs; null for discovery.</summary>
internal static class RequestRbac
{
    public static (string Group, string Resource, string Verb)? Of(RecordedRequest request)
    {
        var parts = request.Path.Trim('/').Split('/');
        int rest;
        string group;
        if (parts is ["api", _, ..])
        {
            group = string.Empty;
            rest = 2;
        }
        else if (parts is ["apis", _, _, ..])
        {
            group = parts[1];
            rest = 3;
        }
        else
        {
            return null;
        }

        var tail = parts[rest..];
        if (tail is ["namespaces", _, _, ..])
        {
            tail = tail[2..];
        }

        if (tail.Length == 0)
        {
            return null;
        }

        var resource = tail.Length >= 3 ? $"{tail[0]}/{tail[2]}" : tail[0];
        var named = tail.Length >= 2;
        var verb = request.Method switch
        {
            "GET" when request.IsWatch => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => request.Method.ToLowerInvariant(),
        };
        return (group, resource, verb);
    }
}
