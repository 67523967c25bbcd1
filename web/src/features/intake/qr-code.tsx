import { useEffect, useState } from 'preact/hooks'

/**
 * A QR code of `text`, drawn as SVG (sharp at any print size). The encoder (`uqr`, about 4 KB gzip) is loaded
 * on first use, so no page pays for it but the ones that show a code (decision 018).
 */
export function QrCode(props: { text: string; label: string; testid?: string; class?: string }) {
  const [modules, setModules] = useState<{ text: string; data: boolean[][] } | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    setFailed(false)
    import('uqr').then(
      ({ encode }) => {
        // Medium error correction survives a crease or a smudge on a printed flyer; 4 modules of quiet zone.
        if (live) setModules({ text: props.text, data: encode(props.text, { ecc: 'M', border: 4 }).data })
      },
      () => {
        if (live) setFailed(true)
      },
    )
    return () => {
      live = false
    }
  }, [props.text])

  const classes = `qr ${props.class ?? ''}`
  if (!modules || modules.text !== props.text) {
    return (
      <div
        class={`${classes} qr--pending`}
        role="img"
        aria-label={props.label}
        aria-busy={failed ? undefined : 'true'}
        data-testid={props.testid}
        data-state={failed ? 'failed' : 'loading'}
      />
    )
  }
  const size = modules.data.length
  let path = ''
  modules.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`
    })
  })
  return (
    <svg
      class={classes}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
      data-testid={props.testid}
      data-state="ready"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
