using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace GateKit.GitHub.Tests.Support;

/// <summary>One request the server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>A scripted answer for the next request that matches; used once.</summary>
public sealed record ScriptedResponse(string Method, string PathContains, int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener, on a free port) that speaks the GitHub REST endpoints
/// GateKit uses: check runs (create, update) and issue comments (list, create, update). It records every
/// request and answers scripted failures (403, 422, 5xx, Retry-After) before the normal answer.
/// Stopped by Dispose.
/// </summary>
public sealed class GitHubTestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<ScriptedResponse> _script = [];
    private readonly List<(long Id, string Body)> _comments = [];
    private readonly Task _loop;
    private long _nextId = 1000;

    public GitHubTestServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseAddress = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(Loop);
    }

    public Uri BaseAddress { get; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public void Script(params ScriptedResponse[] responses)
    {
        lock (_script) _script.AddRange(responses);
    }

    public void AddComment(long id, string body)
    {
        lock (_comments) _comments.Add((id, body));
    }

    public IReadOnlyList<(long Id, string Body)> Comments
    {
        get { lock (_comments) return _comments.ToList(); }
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { Answer(context); }
            catch (Exception e) when (e is HttpListenerException or IOException) { }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8)) body = reader.ReadToEnd();
        var path = request.Url!.AbsolutePath;
        _requests.Enqueue(new RecordedRequest(request.HttpMethod, path, request.Headers["Authorization"], body));

        ScriptedResponse? scripted;
        lock (_script)
        {
            scripted = _script.FirstOrDefault(s => s.Method == request.HttpMethod && path.Contains(s.PathContains, StringComparison.Ordinal));
            if (scripted is not null) _script.Remove(scripted);
        }
        if (scripted is not null)
        {
            Send(context, scripted.Status, scripted.Body, scripted.Headers);
            return;
        }
        var segments = path.Trim('/').Split('/');
        switch (request.HttpMethod, segments)
        {
            case ("POST", [.., "check-runs"]):
                Send(context, 201, $$"""{"id":{{Interlocked.Increment(ref _nextId)}},"status":"completed"}""");
                break;
            case ("PATCH", [.., "check-runs", var id]):
                Send(context, 200, $$"""{"id":{{id}},"status":"completed"}""");
                break;
            case ("GET", [.., "issues", _, "comments"]):
                var list = new JsonArray(Comments.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["body"] = c.Body }).ToArray());
                Send(context, 200, list.ToJsonString());
                break;
            case ("POST", [.., "issues", _, "comments"]):
            {
                var id = Interlocked.Increment(ref _nextId);
                var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                lock (_comments) _comments.Add((id, text));
                Send(context, 201, new JsonObject { ["id"] = id, ["body"] = text }.ToJsonString());
                break;
            }
            case ("PATCH", [.., "issues", "comments", var id]):
            {
                var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                lock (_comments)
                {
                    var i = _comments.FindIndex(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id);
                    if (i >= 0) _comments[i] = (_comments[i].Id, text);
                }
                Send(context, 200, new JsonObject { ["id"] = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), ["body"] = text }.ToJsonString());
                break;
            }
            default:
                Send(context, 404, """{"message":"Not Found"}""");
                break;
        }
    }

    private static void Send(HttpListenerContext context, int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) context.Response.Headers[k] = v;
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}
