// DOKUMEN_PDFTOTEXT: the program that extracts a PDF's text at upload (poppler-utils' pdftotext).
import { z } from 'zod';
import { settingsOf } from '../../platform/config.ts';
import type { Config } from '../../platform/config.ts';

export const dokumenSettings = {
  DOKUMEN_PDFTOTEXT: {
    default: '/usr/bin/pdftotext',
    description: "Path of poppler-utils' pdftotext, which extracts an uploaded PDF's text for search; empty: store no text.",
    schema: z.string().max(500).default('/usr/bin/pdftotext'),
  },
};
export const pdftotextPath = (config: Config) => settingsOf(config, dokumenSettings).DOKUMEN_PDFTOTEXT;
