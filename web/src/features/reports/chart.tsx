import { BarChart } from 'chartist'
import 'chartist/dist/index.css'
import { useEffect, useRef } from 'preact/hooks'

/**
 * A bar chart of one measure, drawn by Chartist (SVG, loaded only with the reports page). It is a picture of the
 * table beside it, which holds the same figures: the chart is labelled as such and hidden from screen readers'
 * reading order of numbers; series differ by pattern as well as colour (styles.css, `.report-chart`).
 */
export function Chart(props: {
  label: string
  labels: string[]
  series: { name: string; data: (number | null)[] }[]
  rtl: boolean
}) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!host.current) return
    const chart = new BarChart(
      host.current,
      {
        labels: props.rtl ? [...props.labels].reverse() : props.labels,
        series: props.series.map((s) => ({
          name: s.name,
          data: props.rtl ? [...s.data].reverse() : s.data,
        })),
      },
      {
        height: '12rem',
        seriesBarDistance: 10,
        axisY: { onlyInteger: false },
        chartPadding: { top: 8, right: 8, bottom: 0, left: 8 },
      },
    )
    return () => chart.detach()
  }, [props.labels.join(), JSON.stringify(props.series), props.rtl])
  return (
    <div ref={host} class="report-chart" role="img" aria-label={props.label} data-testid="report-chart" />
  )
}
