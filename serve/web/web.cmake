# serve/web/: the browser pages, embedded in the server at build time
# (include()d by serve/CMakeLists.txt: a generated source must be made in the
# directory of the target that compiles it).
# Every file here whose extension has a content type below (a CONFIGURE_DEPENDS
# glob: a new file is picked up with no list to edit) becomes one row of the
# C table srv_web_assets (path, content type, bytes, length), written by
# embed.cmake with file(READ ... HEX): no tool beyond CMake.
set(WV_WEB_DIR ${CMAKE_CURRENT_LIST_DIR})
file(GLOB WV_WEB_FILES CONFIGURE_DEPENDS
  ${WV_WEB_DIR}/*.html ${WV_WEB_DIR}/*.css
  ${WV_WEB_DIR}/*.js ${WV_WEB_DIR}/*.svg)
list(SORT WV_WEB_FILES)
set(WV_WEB_C ${CMAKE_CURRENT_BINARY_DIR}/web/web_assets.c)
add_custom_command(OUTPUT ${WV_WEB_C}
  COMMAND ${CMAKE_COMMAND} -DOUT=${WV_WEB_C} "-DFILES=${WV_WEB_FILES}"
          -P ${WV_WEB_DIR}/embed.cmake
  DEPENDS ${WV_WEB_FILES} ${WV_WEB_DIR}/embed.cmake
  COMMENT "Embedding serve/web/ in the server"
  VERBATIM)
