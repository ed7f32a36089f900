using System.Buffers.Binary;
using System.IO.Compression;

namespace GateKit.Cli.Tests.Support;

/// <summary>
/// The pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what headless Chromium writes), decoded with the
/// PNG filters of the specification; enough to tell a blank screenshot from a drawn one, without a new dependency.
/// </summary>
public sealed record PngPixels(int Width, int Height, byte[] Rgb)
{
    public static PngPixels Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0 || data[9] is not (2 or 6)) throw new NotSupportedException($"{path}: only 8-bit non-interlaced RGB/RGBA PNGs");
                channels = data[9] == 6 ? 4 : 3;
            }
            else if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, current, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => 0,
                });
            }
            for (var x = 0; x < width; x++)
                for (var k = 0; k < 3; k++) rgb[(y * width + x) * 3 + k] = current[x * channels + k];
            (previous, current) = (current, previous);
        }
        return new PngPixels(width, height, rgb);
    }

    /// <summary>The variance of the pixels' luminance (0 for a blank image, thousands for text on white).</summary>
    public double LuminanceVariance()
    {
        var values = new double[Width * Height];
        for (var i = 0; i < values.Length; i++) values[i] = 0.299 * Rgb[i * 3] + 0.587 * Rgb[i * 3 + 1] + 0.114 * Rgb[i * 3 + 2];
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }

    /// <summary>How many pixels differ from another image of the same size.</summary>
    public int DifferingPixels(PngPixels other)
    {
        if (other.Width != Width || other.Height != Height) return Width * Height;
        var count = 0;
        for (var i = 0; i < Width * Height; i++)
            if (Rgb[i * 3] != other.Rgb[i * 3] || Rgb[i * 3 + 1] != other.Rgb[i * 3 + 1] || Rgb[i * 3 + 2] != other.Rgb[i * 3 + 2]) count++;
        return count;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
