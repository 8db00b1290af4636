#pragma once
// Test images made by libvips.

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <string>

namespace danvan::testing {

//! A small black JPEG with an EXIF block: what a phone sends.
inline std::string PhoneJpeg(int width = 64, int height = 48) {
  if (VIPS_INIT("danvan-test") != 0) ADD_FAILURE() << "libvips did not start";
  VipsImage* image = nullptr;
  vips_black(&image, width, height, "bands", 3, nullptr);
  vips_image_set_string(image, "exif-ifd0-Make", "DemoPhone");
  void* buffer = nullptr;
  size_t size = 0;
  vips_jpegsave_buffer(image, &buffer, &size, nullptr);
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  g_object_unref(image);
  return out;
}

}  // namespace danvan::testing
