import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnouncementDocument } from '../../../sync/protocol/documents';
import { createSpeaker } from '../../journey/voice/speech';
import { ANNOUNCEMENTS_SHOWN } from './announcementFeed';

/**
 * 公告 on the attract screen: titles in large type; a tap opens the notice in place (no pop-up
 * over the screen) and reads it aloud, a second tap closes it. Nothing when there are none.
 */
export function AnnouncementBoard({ announcements }: { announcements: AnnouncementDocument[] }) {
  const { t, i18n } = useTranslation();
  const speaker = useMemo(createSpeaker, []);
  const [open, setOpen] = useState<string | null>(null);
  const shown = announcements.slice(0, ANNOUNCEMENTS_SHOWN);
  if (shown.length === 0) return null;

  const toggle = (a: AnnouncementDocument) => {
    if (open === a.id) {
      setOpen(null);
      speaker.stop();
      return;
    }
    setOpen(a.id);
    speaker.speak('announcement', `${t('announcements.spokenIntro')}${a.title}。${a.body}`, i18n.language);
  };

  return (
    <section className="announcements" aria-labelledby="announcements-title" data-testid="announcements">
      <h2 id="announcements-title">{t('announcements.title')}</h2>
      <ul>
        {shown.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="announcement-title"
              aria-expanded={open === a.id}
              aria-controls={`announcement-${a.id}`}
              onClick={() => toggle(a)}
              data-testid="announcement"
            >
              <span>{a.title}</span>
              <span className="announcement-date">
                {new Date(a.publishedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}
              </span>
            </button>
            {open === a.id && (
              <div id={`announcement-${a.id}`} className="announcement-body" data-testid="announcement-body">
                {a.body || t('announcements.noBody')}
                <p className="hint">{t('announcements.tapToClose')}</p>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
