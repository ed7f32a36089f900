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

    /// <summary>The query string, "?" included ("" when none).</summary>
    public string Query { get; init; } = "";

    /// <summary>Every request header, by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the server does with a request a script matches.</summary>
public enum ScriptedAction
{
    /// <summary>Answer the scripted status and body.</summary>
    Answer,
    /// <summary>Close the connection without an answer (a reset).</summary>
    Reset,
    /// <summary>Answer nothing for <see cref="ScriptedResponse.Hang"/> (or until the server stops), then close the connection.</summary>
    Hang,
    /// <summary>Do what the request asks (create the check run or comment), then answer the scripted status and body instead.</summary>
    ActThenAnswer,
}

/// <summary>A scripted answer for the next request that matches; used once.</summary>
public sealed record ScriptedResponse(string Method, string PathContains, int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null)
{
    public ScriptedAction Action { get; init; } = ScriptedAction.Answer;

    /// <summary>The Content-Type of the answer (GitHub's error pages are HTML).</summary>
    public string ContentType { get; init; } = "application/json; charset=utf-8";

    /// <summary>How long <see cref="ScriptedAction.Hang"/> waits; null for as long as the server runs.</summary>
    public TimeSpan? Hang { get; init; }

    /// <summary>Matching requests answered normally before this script applies (to fail the third update, say).</summary>
    public int Skip { get; init; }
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener, on a free port) that speaks the GitHub REST endpoints
/// GateKit uses: check runs (create, update, list for a commit) and issue comments (list, create, update).
/// It records every request and answers scripted failures before the normal answer: any status with any
/// body and content type (HTML, JSON of another shape, empty), reset connections, hangs (timeouts), and
/// a 502 after doing what was asked. Requests are answered concurrently. Stopped by Dispose.
/// </summary>
public sealed class GitHubTestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<ScriptedResponse> _script = [];
    private readonly List<(long Id, string Body)> _comments = [];
    private readonly List<JsonObject> _checkRuns = [];
    private readonly CancellationTokenSource _stop = new();
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

    /// <summary>Signalled for every request received.</summary>
    public event Action<RecordedRequest>? Received;

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

    /// <summary>The check runs created, as the server stores them (id, name, head_sha, external_id, conclusion, output).</summary>
    public IReadOnlyList<JsonObject> CheckRuns
    {
        get { lock (_checkRuns) return _checkRuns.ToList(); }
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(async () =>
            {
                try { await Answer(context); }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException) { }
            });
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        var path = request.Url!.AbsolutePath;
        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => request.Headers[k]!);
        var recorded = new RecordedRequest(request.HttpMethod, path, request.Headers["Authorization"], body) { Query = request.Url.Query, Headers = headers };
        _requests.Enqueue(recorded);
        Received?.Invoke(recorded);

        ScriptedResponse? scripted;
        lock (_script)
        {
            var i = _script.FindIndex(s => s.Method == request.HttpMethod && path.Contains(s.PathContains, StringComparison.Ordinal));
            scripted = i < 0 ? null : _script[i];
            if (scripted is { Skip: > 0 }) { _script[i] = scripted with { Skip = scripted.Skip - 1 }; scripted = null; }
            else if (scripted is not null) _script.RemoveAt(i);
        }
        switch (scripted?.Action)
        {
            case ScriptedAction.Answer:
                Send(context, scripted.Status, scripted.Body, scripted.Headers, scripted.ContentType);
                return;
            case ScriptedAction.Reset:
                // Promise a body, send a little of it, and drop the connection: the client cannot take this for an answer.
                context.Response.StatusCode = 200;
                context.Response.ContentLength64 = 1000;
                context.Response.OutputStream.Write("{\"id\":"u8);
                context.Response.OutputStream.Flush();
                context.Response.Abort();
                return;
            case ScriptedAction.Hang:
                try { await Task.Delay(scripted.Hang ?? Timeout.InfiniteTimeSpan, _stop.Token); }
                catch (OperationCanceledException) { }
                context.Response.Abort();
                return;
            case ScriptedAction.ActThenAnswer:
                Act(request.HttpMethod, path, body);
                Send(context, scripted.Status, scripted.Body, scripted.Headers, scripted.ContentType);
                return;
        }
        var (status, answer) = Act(request.HttpMethod, path, body, request.QueryString["check_name"]);
        Send(context, status, answer);
    }

    /// <summary>What GitHub would do with the request, and its answer.</summary>
    private (int Status, string Body) Act(string method, string path, string body, string? checkName = null)
    {
        var segments = path.Trim('/').Split('/');
        switch (method, segments)
        {
            case ("POST", [.., "check-runs"]):
            {
                var sent = JsonNode.Parse(body)!.AsObject();
                var run = new JsonObject
                {
                    ["id"] = Interlocked.Increment(ref _nextId),
                    ["name"] = sent["name"]?.GetValue<string>(),
                    ["head_sha"] = sent["head_sha"]?.GetValue<string>(),
                    ["external_id"] = sent["external_id"]?.GetValue<string>(),
                    ["status"] = "completed",
                    ["conclusion"] = sent["conclusion"]?.GetValue<string>(),
                };
                lock (_checkRuns) _checkRuns.Add(run);
                return (201, run.ToJsonString());
            }
            case ("PATCH", [.., "check-runs", var id]):
                return (200, $$"""{"id":{{id}},"status":"completed"}""");
            case ("GET", [.., "commits", var sha, "check-runs"]):
            {
                var runs = CheckRuns.Where(r => r["head_sha"]?.GetValue<string>() == sha && (checkName is null || r["name"]?.GetValue<string>() == checkName))
                    .Select(r => r.DeepClone()).ToArray();
                return (200, new JsonObject { ["total_count"] = runs.Length, ["check_runs"] = new JsonArray(runs) }.ToJsonString());
            }
            case ("GET", [.., "issues", _, "comments"]):
                return (200, new JsonArray(Comments.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["body"] = c.Body }).ToArray()).ToJsonString());
            case ("POST", [.., "issues", _, "comments"]):
            {
                var id = Interlocked.Increment(ref _nextId);
                var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                lock (_comments) _comments.Add((id, text));
                return (201, new JsonObject { ["id"] = id, ["body"] = text }.ToJsonString());
            }
            case ("PATCH", [.., "issues", "comments", var id]):
            {
                var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                lock (_comments)
                {
                    var i = _comments.FindIndex(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id);
                    if (i >= 0) _comments[i] = (_comments[i].Id, text);
                }
                return (200, new JsonObject { ["id"] = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), ["body"] = text }.ToJsonString());
            }
            default:
                return (404, """{"message":"Not Found"}""");
        }
    }

    private static void Send(HttpListenerContext context, int status, string body, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) context.Response.Headers[k] = v;
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        // Close alone, not Stop then Close: on Unix each removes the listener's prefixes, and the second removal
        // binds the port again to find its endpoint - "Address already in use" when a client socket has taken
        // that port as its ephemeral port in between (seen in CheckIdentityTests on a loaded machine).
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        _stop.Dispose();
    }
}
