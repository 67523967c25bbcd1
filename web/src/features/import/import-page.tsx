import { useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { type ProgramData, programPanelPage } from '../programs/program-page'
import { ChooseFile } from './choose-file'
import type { ImportState, Preview } from './import'
import { PreviewStep } from './preview-step'
import { Progress, Summary } from './progress-step'
import type { Source } from './upload'

type Step =
  | { kind: 'choose' }
  | { kind: 'preview'; preview: Preview; source: Source }
  | { kind: 'applying'; state: ImportState }
  | { kind: 'finished'; state: ImportState }

const STEPS = ['choose', 'preview', 'applying', 'finished'] as const

/** `/orgs/{org}/programs/{program}/import`: CSV or .xlsx file → preview (dry run) → confirm → progress → summary. */
export default programPanelPage('import.title', Wizard)

function Wizard(props: { data: ProgramData }) {
  const { t } = useI18n()
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const heading = useRef<HTMLHeadingElement>(null)
  // Each step starts with its heading focused, so screen readers announce where the person is.
  useEffect(() => {
    heading.current?.focus()
  }, [step.kind])

  const current = STEPS.indexOf(step.kind)
  const labels = [t('import.step1'), t('import.step2'), t('import.step3'), t('import.step4')]
  const stepProps = { data: props.data, headingRef: heading }

  return (
    <>
      <ol class="steps" aria-label={t('import.steps')}>
        {labels.map((label, index) => (
          <li
            key={label}
            class={`steps__item ${index === current ? 'steps__current' : index < current ? 'steps__done' : ''}`}
            aria-current={index === current ? 'step' : undefined}
          >
            {label}
          </li>
        ))}
      </ol>
      {step.kind === 'choose' && (
        <ChooseFile
          {...stepProps}
          onPreview={(preview, source) => setStep({ kind: 'preview', preview, source })}
        />
      )}
      {step.kind === 'preview' && (
        <PreviewStep
          {...stepProps}
          preview={step.preview}
          source={step.source}
          onBack={() => setStep({ kind: 'choose' })}
          onApplying={(state) => setStep({ kind: 'applying', state })}
        />
      )}
      {step.kind === 'applying' && (
        <Progress
          {...stepProps}
          initial={step.state}
          onFinished={(state) => setStep({ kind: 'finished', state })}
        />
      )}
      {step.kind === 'finished' && (
        <Summary {...stepProps} state={step.state} onAgain={() => setStep({ kind: 'choose' })} />
      )}
    </>
  )
}
