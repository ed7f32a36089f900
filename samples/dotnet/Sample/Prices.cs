namespace Sample;

public static class Prices
{
    /// <summary>The price after a discount in percent, rounded to cents.</summary>
    public static decimal Discounted(decimal price, decimal percent)
    {
        var unused = 0; // CS0219: an analyzer warning the sample's SARIF report carries
        return Math.Round(price * (100 - percent) / 100, 2);
    }
}
